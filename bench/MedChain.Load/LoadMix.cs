using System.Collections.Concurrent;
using System.Text;
using MedChain.Client.Sdk;
using MedChain.Contracts;

namespace MedChain.Load;

/// <summary>A record the API acknowledged: where, which, by whom, and when.</summary>
public sealed record AckedRecord(LoadHospital Hospital, string RecordId, LoadDoctor Doctor, DateTimeOffset At);

/// <summary>
/// The operations of a run and how often each is chosen: doctors broadcasting, patients searching,
/// patients consenting and doctors fetching the history, logins, and reads of chain heads, blocks,
/// headers and receipts. Each operation is one or two SDK calls, timed and recorded by name.
/// </summary>
public sealed class LoadMix(LoadPopulation population, LatencyRecorder latencies, IReadOnlyList<string>? only = null)
{
    private static readonly string[] Symptoms = ["R50.9", "J45.909", "R05"];

    /// <summary>The operations and their weights.</summary>
    public static readonly (string Name, int Weight)[] All =
    [
        ("broadcast", 35), ("search", 10), ("history", 3), ("login", 5), ("head", 10), ("block", 12), ("header", 15), ("receipt", 10),
        ("audit", 0), // the hospital's own audit: only when chosen (--operations audit), to measure repeated audits
    ];

    private readonly (string Name, int Weight)[] Weights = only is null ? All
        : All.Where(w => only.Contains(w.Name)).Select(w => (w.Name, Math.Max(1, w.Weight))).ToArray() is { Length: > 0 } chosen ? chosen
        : throw new ArgumentException($"Unknown operations: {string.Join(", ", only)}; the mix has {string.Join(", ", All.Select(w => w.Name))}.");

    private readonly ConcurrentDictionary<string, long> _heights = new();

    // Acknowledged records in the order they came, so that a receipt read picks one in O(1).
    private readonly List<AckedRecord> _acked = [];

    /// <summary>The records the API acknowledged so far, oldest first.</summary>
    public IReadOnlyList<AckedRecord> Acked()
    {
        lock (_acked)
        {
            return [.. _acked];
        }
    }

    private void Acknowledged(AckedRecord record)
    {
        lock (_acked)
        {
            _acked.Add(record);
        }
    }

    /// <summary>Broadcasts <paramref name="records"/> records round the doctors and seals every chain, outside the timed load.</summary>
    public async Task WarmUpAsync(int records, CancellationToken ct)
    {
        var random = new Random(records);
        for (int i = 0; i < records; i++)
        {
            LoadDoctor doctor = population.Doctors[i % population.Doctors.Count];
            LoadPatient patient = Pick(random, population.Patients.Where(p => p.Hospital == doctor.Hospital).ToList());
            RecordAccepted accepted = await doctor.Client.BroadcastAsync(doctor.Id, doctor.Device.Encrypt(patient.Id, patient.Key.PublicKey, patient.Alpha,
                doctor.Hospital.Info, Pick(random, Symptoms), Encoding.UTF8.GetBytes($"warm-up {i}")), ct);
            Acknowledged(new AckedRecord(doctor.Hospital, accepted.RecordId, doctor, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        foreach (LoadHospital h in population.Hospitals)
        {
            _heights[h.Id] = (await h.Client.SealAsync(h.Id, ct)).Height;
        }
    }

    /// <summary>Chooses one operation and runs it, recording each call's latency and status.</summary>
    public Task RunOneAsync(Random random, CancellationToken ct)
    {
        int pick = random.Next(Weights.Sum(w => w.Weight));
        string op = Weights.First(w => (pick -= w.Weight) < 0).Name;
        return op switch
        {
            "broadcast" => BroadcastAsync(random, ct),
            "search" => SearchAsync(random, ct),
            "history" => HistoryAsync(random, ct),
            "login" => LoginAsync(random, ct),
            "head" => HeadAsync(random, ct),
            "block" => BlockAsync(random, ct),
            "header" => HeaderAsync(random, ct),
            "audit" => AuditAsync(random, ct),
            _ => ReceiptAsync(random, ct),
        };
    }

    private async Task BroadcastAsync(Random random, CancellationToken ct)
    {
        LoadDoctor doctor = Pick(random, population.Doctors);
        LoadPatient patient = Pick(random, population.Patients.Where(p => p.Hospital == doctor.Hospital).ToList());
        BroadcastRecordRequest record = doctor.Device.Encrypt(patient.Id, patient.Key.PublicKey, patient.Alpha, doctor.Hospital.Info, Pick(random, Symptoms),
            Encoding.UTF8.GetBytes($"load diagnosis {Guid.NewGuid():N}"));
        RecordAccepted? accepted = await TimedAsync("broadcast", () => doctor.Client.BroadcastAsync(doctor.Id, record, ct));
        if (accepted is not null)
        {
            Acknowledged(new AckedRecord(doctor.Hospital, accepted.RecordId, doctor, DateTimeOffset.UtcNow));
        }
    }

    private Task SearchAsync(Random random, CancellationToken ct)
    {
        LoadPatient patient = Pick(random, population.Patients);
        HospitalInfo h = patient.Hospital.Info;
        string trapdoor = patient.Device.Trapdoor(new PatientHospital(h.Pid, h.PublicKey), Pick(random, Symptoms));
        return TimedAsync("search", () => patient.Client.SearchAsync(patient.Id, new SearchRequest(h.Pid, trapdoor), ct));
    }

    private async Task HistoryAsync(Random random, CancellationToken ct)
    {
        LoadPatient patient = Pick(random, population.Patients);
        LoadDoctor doctor = Pick(random, population.Doctors);
        HospitalInfo h = patient.Hospital.Info;
        (GrantConsentRequest consent, ShareRequest ticket) = patient.Device.Consent("load-" + Guid.NewGuid().ToString("N")[..16],
            new DoctorInfo(doctor.Id, doctor.Hospital.Id, Convert.ToBase64String(doctor.Key.PublicKey.Encode()), 0, false, false),
            DateTimeOffset.UtcNow.AddMinutes(10), [new PatientHospital(h.Pid, h.PublicKey)], Pick(random, Symptoms));
        if (await TimedAsync("consent", () => patient.Client.GrantConsentAsync(patient.Id, consent, ct)) is not null)
        {
            await TimedAsync("share", () => doctor.Client.ShareAsync(ticket, ct));
        }
    }

    private Task LoginAsync(Random random, CancellationToken ct)
    {
        LoadDoctor doctor = Pick(random, population.Doctors);
        return TimedAsync("login", async () =>
        {
            await doctor.Client.LoginAsync("doctor", doctor.Id, doctor.Key, ct);
            return "logged in";
        });
    }

    private async Task HeadAsync(Random random, CancellationToken ct)
    {
        LoadDoctor doctor = Pick(random, population.Doctors);
        LoadHospital hospital = Pick(random, population.Hospitals);
        if (await TimedAsync("head", () => doctor.Client.GetHeadAsync(hospital.Id, ct)) is { } head)
        {
            _heights[hospital.Id] = head.Height;
        }
    }

    private Task BlockAsync(Random random, CancellationToken ct)
    {
        LoadHospital hospital = Pick(random, population.Hospitals);
        return _heights.TryGetValue(hospital.Id, out long top) && top >= 0
            ? TimedAsync("block", () => hospital.Client.GetBlockAsync(hospital.Id, random.NextInt64(top + 1), ct))
            : HeadAsync(random, ct);
    }

    private Task HeaderAsync(Random random, CancellationToken ct)
    {
        LoadDoctor doctor = Pick(random, population.Doctors);
        LoadHospital hospital = Pick(random, population.Hospitals);
        return _heights.TryGetValue(hospital.Id, out long top) && top >= 0
            ? TimedAsync("header", () => doctor.Client.GetBlockHeaderAsync(hospital.Id, random.NextInt64(top + 1), ct))
            : HeadAsync(random, ct);
    }

    private Task AuditAsync(Random random, CancellationToken ct)
    {
        LoadHospital hospital = Pick(random, population.Hospitals);
        return TimedAsync("audit", () => hospital.Client.AuditAsync(hospital.Id, ct));
    }

    private Task ReceiptAsync(Random random, CancellationToken ct)
    {
        // A record acknowledged a few seconds ago is likely sealed; a younger one may be answered 404 (still pending), which the report shows.
        AckedRecord? record;
        lock (_acked)
        {
            // One of the older half: records come in time order.
            record = _acked.Count == 0 ? null : _acked[random.Next(Math.Max(1, _acked.Count / 2))];
        }
        record = record is not null && record.At < DateTimeOffset.UtcNow.AddSeconds(-3) ? record : null;
        return record is null
            ? HeadAsync(random, ct)
            : TimedAsync("receipt", () => record.Doctor.Client.GetReceiptAsync(record.Hospital.Id, record.RecordId, ct));
    }

    private async Task<T?> TimedAsync<T>(string operation, Func<Task<T>> call)
        where T : class
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            T result = await call();
            latencies.Record(operation, 200, System.Diagnostics.Stopwatch.GetElapsedTime(start));
            return result;
        }
        catch (MedChainApiException e)
        {
            latencies.Record(operation, e.Status, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // No answer (refused, reset or timed out); a run that is being stopped is not recorded.
            latencies.Record(operation, 0, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        return null;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
