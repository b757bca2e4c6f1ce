using System.Diagnostics;
using System.Text;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Spectre.Console;

namespace MedChain.Client.Demo;

/// <summary>
/// The paper's whole scenario over HTTP against a running MedChain: SM setup, two hospitals join,
/// doctors and patients register, a doctor stores diagnoses until a block seals, a doctor of the
/// other hospital reads a patient's history with consent (and is refused after revocation), two
/// patients with the same symptom match and a third does not, the ledger audit passes. Every
/// participant's key is made here and stays here. Each phase is timed; any failure stops the run.
/// </summary>
public sealed class DemoScenario(string api, SecretKey adminKey, string adminId, IAnsiConsole console)
{
    private const string Fever = "R50.9";
    private const string Cough = "J06.9";
    private const string Asthma = "J45.909";

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<(string Phase, TimeSpan Time)> _timings = [];

    /// <summary>Runs every phase; returns 0 when all passed, 1 at the first failure (which is printed).</summary>
    public async Task<int> RunAsync(CancellationToken cancellation = default)
    {
        var total = Stopwatch.StartNew();
        try
        {
            await RunPhasesAsync(cancellation);
        }
        catch (Exception e) when (e is DemoFailure or MedChainApiException or HttpRequestException or TimeoutException)
        {
            console.MarkupLineInterpolated($"[red]FAILED[/]: {e.Message}");
            console.MarkupLineInterpolated($"demo failed after {_timings.Count} phase(s) in {total.Elapsed.TotalSeconds:F1} s");
            return 1;
        }
        console.MarkupLineInterpolated($"[green]demo passed[/]: {_timings.Count} phases in {total.Elapsed.TotalSeconds:F1} s against {api} (run {_run})");
        return 0;
    }

    private async Task RunPhasesAsync(CancellationToken ct)
    {
        MedChainClient admin = MedChainClient.Create(api);
        SystemParameters p = null!;
        await PhaseAsync("1. SM setup (sm-admin logs in, initialization)", async () =>
        {
            await admin.LoginAsync("sm-admin", adminId, adminKey, ct);
            p = await admin.SetupAsync(ct);
            return $"level {p.SecurityLevel}";
        });

        var hospitals = new Dictionary<string, (MedChainClient Client, HospitalInfo Info)>();
        await PhaseAsync("2. Two hospitals join (PID_i issued)", async () =>
        {
            foreach (string name in new[] { "a", "b" })
            {
                string id = $"demo-{_run}-hospital-{name}";
                using SecretKey operatorKey = SecretKey.Generate(p);
                HospitalInfo info = await admin.AdmitHospitalAsync(id, operatorKey.PublicKey, ct);
                MedChainClient client = MedChainClient.Create(api);
                await client.LoginAsync("hospital", id, operatorKey, ct);
                hospitals[name] = (client, info);
            }
            return string.Join(", ", hospitals.Values.Select(h => h.Info.HospitalId));
        });
        (MedChainClient hospitalA, HospitalInfo infoA) = hospitals["a"];
        (MedChainClient hospitalB, HospitalInfo infoB) = hospitals["b"];

        var doctors = new Dictionary<string, (MedChainClient Client, DoctorDevice Device, DoctorInfo Info)>();
        var patients = new Dictionary<string, (MedChainClient Client, PatientDevice Device, byte[] Alpha)>();
        await PhaseAsync("3. Doctors and patients register", async () =>
        {
            foreach ((string name, MedChainClient hospital) in new[] { ("a", hospitalA), ("b", hospitalB) })
            {
                SecretKey key = SecretKey.Generate(p);
                var device = new DoctorDevice(p, key);
                string id = device.DoctorId;
                DoctorInfo info = await hospital.RegisterDoctorAsync(id, key.PublicKey, device.Enrollment(hospitals[name].Info.HospitalId), ct);
                MedChainClient client = MedChainClient.Create(api);
                await client.LoginAsync("doctor", id, key, ct);
                doctors[name] = (client, device, info);
            }
            foreach (string name in new[] { "1", "2", "3" })
            {
                SecretKey key = SecretKey.Generate(p);
                var device = new PatientDevice(p, key);
                string id = device.PatientId;
                PatientRegistered registered = await hospitalA.RegisterPatientAsync(id, key.PublicKey, device.Enrollment(infoA.HospitalId), ct);
                MedChainClient client = MedChainClient.Create(api);
                await client.LoginAsync("patient", id, key, ct);
                patients[name] = (client, device, Convert.FromBase64String(registered.Alpha));
            }
            return "2 doctors, 3 patients, all logged in with their own keys";
        });

        (MedChainClient doctorA, DoctorDevice deviceA, _) = doctors["a"];
        var stored = new List<(string Patient, string Symptom, string Text, string RecordId)>();
        await PhaseAsync("4. Doctor A stores diagnoses until a block seals", async () =>
        {
            (string Patient, string Symptom)[] visits =
            [
                ("1", Fever), ("1", Cough), ("1", Fever), ("2", Fever), ("2", Cough),
                ("3", Asthma), ("3", Cough), ("1", Cough), ("2", Fever), ("3", Asthma),
            ];
            foreach ((string patient, string symptom) in visits)
            {
                (_, PatientDevice device, byte[] alpha) = patients[patient];
                string text = $"diagnosis {stored.Count + 1} for {device.PatientId}: {symptom}, run {_run}";
                BroadcastRecordRequest record = deviceA.Encrypt(device.PatientId, device.PublicKey, alpha, infoA, symptom, Encoding.UTF8.GetBytes(text));
                RecordAccepted accepted = await doctorA.BroadcastAsync(deviceA.DoctorId, record, ct);
                stored.Add((patient, symptom, text, accepted.RecordId));
            }
            ChainHeadInfo head = await WaitAsync(() => hospitalA.GetHeadAsync(infoA.HospitalId, ct), h => h.Height >= 0 && h.Pending == 0, "the block to seal");
            return $"{stored.Count} records verified and stored; chain height {head.Height}";
        });

        (MedChainClient patient1, PatientDevice device1, _) = patients["1"];
        string[] feverTexts = [.. stored.Where(s => s.Patient == "1" && s.Symptom == Fever).Select(s => s.Text)];
        await PhaseAsync("5. Patient 1 searches his records by symptom (trapdoor)", async () =>
        {
            PatientHospital[] held = await patient1.GetPatientHospitalsAsync(device1.PatientId, ct);
            Expect(held.Length == 1, $"patient 1 is known to {held.Length} hospitals, expected 1");
            RecordList found = await patient1.SearchAsync(device1.PatientId, new SearchRequest(held[0].Pid, device1.Trapdoor(held[0], Fever)), ct);
            string[] texts = [.. found.Records.Select(r => Encoding.UTF8.GetString(device1.Decrypt(r)))];
            ExpectSame(feverTexts, texts, "patient 1's fever records");
            return $"{texts.Length} matching records found and decrypted by the patient";
        });

        (MedChainClient doctorB, DoctorDevice deviceB, DoctorInfo infoDoctorB) = doctors["b"];
        string consentId = $"consent-{_run}";
        ShareRequest share = null!;
        await PhaseAsync("6. Doctor B reads patient 1's history from hospital A with consent", async () =>
        {
            DoctorInfo doctor = await patient1.GetDoctorAsync(infoDoctorB.DoctorId, ct);
            PatientHospital[] held = await patient1.GetPatientHospitalsAsync(device1.PatientId, ct);
            (GrantConsentRequest consent, ShareRequest ticket) = device1.Consent(consentId, doctor, DateTimeOffset.UtcNow.AddHours(1), held, Fever);
            await patient1.GrantConsentAsync(device1.PatientId, consent, ct);
            share = ticket;
            SharedRecords records = await doctorB.ShareAsync(share, ct);
            string[] texts = [.. records.Records.Select(r => Encoding.UTF8.GetString(deviceB.DecryptShared(r)))];
            ExpectSame(feverTexts, texts, "the re-encrypted history");
            return $"{texts.Length} records re-encrypted by the SM proxy and decrypted by doctor B";
        });

        await PhaseAsync("7. After revocation the proxy refuses", async () =>
        {
            await patient1.RevokeConsentAsync(device1.PatientId, consentId, ct);
            try
            {
                await doctorB.ShareAsync(share, ct);
            }
            catch (MedChainApiException e) when (e.Status == 403)
            {
                return $"403 from the API: {e.Detail}";
            }
            throw new DemoFailure("the proxy shared records after the consent was revoked");
        });

        await PhaseAsync("8. Patients session: same symptom matches, another does not", async () =>
        {
            byte[]?[] same = await MatchAsync(patients["1"], patients["2"], Fever, Fever, ct);
            Expect(same[0] is not null && same[1] is not null && same[0]!.AsSpan().SequenceEqual(same[1]), "patients 1 and 2 (same symptom) did not agree a key");
            byte[]?[] different = await MatchAsync(patients["1"], patients["3"], Fever, Asthma, ct);
            Expect(different[0] is null && different[1] is null, "patients 1 and 3 (different symptoms) matched");
            return "1 and 2 agreed a session key; 1 and 3 did not match";
        });

        await PhaseAsync("9. Ledger audit, chain check, a Merkle receipt and the access log", async () =>
        {
            AuditInfo audit = await WaitAsync(() => hospitalA.AuditAsync(infoA.HospitalId, ct),
                a => !a.Consistent || a.ReplicaHeights.All(h => h == a.Height), "the replicas to catch up");
            Expect(audit.Consistent, $"the audit found height {audit.FirstBadHeight}: {audit.Reason}");
            ChainValidationResult chain = await LedgerVerifier.VerifyChainAsync(hospitalA, p, infoA.HospitalId, ct);
            Expect(chain.IsValid, $"the chain check failed at height {chain.FirstBadHeight}: {chain.Failure} {chain.Detail}");
            chain = await LedgerVerifier.VerifyHeadersAsync(doctorA, p, infoA.HospitalId, ct);
            Expect(chain.IsValid, $"the chain check failed at height {chain.FirstBadHeight}: {chain.Failure} {chain.Detail}");
            RecordReceipt receipt = await doctorA.GetReceiptAsync(infoA.HospitalId, stored[0].RecordId, ct);
            string? why = LedgerVerifier.VerifyReceipt(p, await doctorA.GetHospitalAsync(infoA.HospitalId, ct), stored[0].RecordId, receipt);
            Expect(why is null, $"the receipt does not verify: {why}");
            AccessLogPage log = await admin.GetAccessLogAsync(device1.PatientId, 0, ct);
            Expect((await patient1.GetPatientAccessLogAsync(device1.PatientId, 0, ct)).Entries.Length == log.Entries.Length, "the patient's own access log differs from the SM's view");
            Expect(log.FirstBroken is null, $"the access log is broken at entry {log.FirstBroken}");
            Expect(log.Entries.Count(e => e.DoctorId == deviceB.DoctorId && e.PatientId == device1.PatientId) == feverTexts.Length,
                "the access log does not show doctor B's reads");
            return $"height {audit.Height}, {audit.ReplicaHeights.Length} replicas agree, chain and receipt verified here; access log intact ({log.Count} entries, doctor B's {feverTexts.Length} reads in it)";
        });
    }

    private async Task<byte[]?[]> MatchAsync(
        (MedChainClient Client, PatientDevice Device, byte[] Alpha) initiator,
        (MedChainClient Client, PatientDevice Device, byte[] Alpha) responder,
        string initiatorSymptom, string responderSymptom, CancellationToken ct)
    {
        string session = $"match-{_run}-{Guid.NewGuid():N}";
        await initiator.Client.StartMatchingAsync(session, responder.Device.PatientId, ct);
        return await Task.WhenAll(
            initiator.Device.MatchAsync(initiator.Client, session, responder.Device.PatientId, true, initiatorSymptom, ct),
            responder.Device.MatchAsync(responder.Client, session, initiator.Device.PatientId, false, responderSymptom, ct));
    }

    private async Task PhaseAsync(string name, Func<Task<string>> phase)
    {
        var watch = Stopwatch.StartNew();
        string result = await phase();
        watch.Stop();
        _timings.Add((name, watch.Elapsed));
        console.MarkupLineInterpolated($"[green]ok[/] {name} [grey]({watch.Elapsed.TotalMilliseconds:F0} ms)[/]: {result}");
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            T value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new DemoFailure($"timed out waiting for {what}");
            }
            await Task.Delay(200);
        }
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new DemoFailure(failure);
        }
    }

    private static void ExpectSame(string[] expected, string[] actual, string what) =>
        Expect(expected.Order().SequenceEqual(actual.Order()), $"{what}: expected {expected.Length} records, got {actual.Length} (or other contents)");

    private sealed class DemoFailure(string message) : Exception(message);
}
