using System.Diagnostics;
using System.Globalization;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using MedChain.Protocol.Signatures;
using MedChain.Testing;
using Orleans.TestingHost;

namespace MedChain.Ingest;

/// <summary>
/// Broadcast ingest through the grains (verified, sealed, persisted to Azurite)
/// on an in-process one-silo cluster, against the crypto-bound limit (cores / the server's crypto
/// time per record, measured single-threaded: <see cref="BroadcastVerifier"/> plus the four
/// replicas' <see cref="ChainValidator"/> checks), and one
/// cross-hospital history request through the SM proxy. Prints
/// "ingest level records_per_s", "ingest-crypto-limit level records_per_s",
/// "ingest-ratio level fraction" and "search-share-grains level ms".
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int[] levels = args.Select(a => int.TryParse(a, out int l) ? l : 0).Where(l => l > 0).ToArray();
        int replicas = args.Contains("--no-replicas") ? 0 : 4;
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        foreach (int level in levels.Length > 0 ? levels : [80, 128])
        {
            TestCluster cluster = await MedChainTestCluster.StartAsync(azurite.ConnectionString, "bench-" + Guid.NewGuid().ToString("N"), level, 10, TimeSpan.FromMinutes(10), replicas);
            try
            {
                await MeasureAsync(cluster, level, azurite);
            }
            finally
            {
                await cluster.StopAllSilosAsync();
                await cluster.DisposeAsync();
            }
        }
        return 0;
    }

    private static async Task MeasureAsync(TestCluster cluster, int level, AzuriteProcess azurite)
    {
        ISystemManagerGrain sm = cluster.GrainFactory.GetGrain<ISystemManagerGrain>("sm");
        SystemParameters p = SystemParameters.FromJson(await sm.GetParametersAsync());
        IHospitalGrain hospital = cluster.GrainFactory.GetGrain<IHospitalGrain>("bench-hospital");
        PublicKey hospitalKey = PublicKey.Decode(p, await hospital.JoinAsync());
        byte[] hospitalPid = (await sm.GetHospitalAsync("bench-hospital"))!.Pid;
        using SecretKey doctor = SecretKey.Generate(p);
        using SecretKey patient = SecretKey.Generate(p);
        await hospital.RegisterDoctorAsync("bench-doctor", doctor.PublicKey.Encode());
        byte[] alpha = await hospital.RegisterPatientAsync("bench-patient", patient.PublicKey.Encode());
        using Scalar symptom = p.Hashes.Symptom("R50.9");

        int count = level == 80 ? 300 : 120;
        List<BroadcastRequest> requests = Enumerable.Range(0, count + 20)
            .Select(i => Broadcast(p, hospitalKey, hospitalPid, doctor, patient, alpha, symptom, i)).ToList();

        // Warm-up: JIT, tables, storage connections.
        await Task.WhenAll(requests.Take(20).Select(hospital.BroadcastAsync));
        await hospital.SealPendingAsync();

        // Where the two cores go: this process (silo, client, crypto) and the storage emulator.
        TimeSpan ownCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan azuriteCpuStart = azurite.ProcessorTime;
        long start = Stopwatch.GetTimestamp();
        BroadcastReceipt[] receipts = await Task.WhenAll(requests.Skip(20).Select(hospital.BroadcastAsync));
        await hospital.SealPendingAsync();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double ownCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - ownCpuStart).TotalMilliseconds / count;
        double azuriteCpuMs = (azurite.ProcessorTime - azuriteCpuStart).TotalMilliseconds / count;
        if (receipts.Any(r => !r.Accepted))
        {
            throw new InvalidOperationException("A benchmark broadcast was refused.");
        }
        double ingest = count / seconds;

        // The server's crypto per record, one core: the hospital's and the verifier's checks, and
        // the replicas' re-validation of the block (doctor and hospital signatures, 4 replicas).
        using SecretKey hospitalSecret = SecretKey.Generate(p);
        var contents = new EnvelopeContents(alpha, "bench-patient", hospitalPid, "bench-doctor");
        List<LedgerRecord> records = Enumerable.Range(0, 40).Select(i => Ledger(p, hospitalSecret.PublicKey, hospitalPid, doctor, patient, alpha, symptom, i)).ToList();
        PublicKey doctorKey = PublicKey.Decode(p, doctor.PublicKey.Encode());
        for (int i = 0; i < 10; i++)
        {
            BroadcastVerifier.Verify(p, hospitalSecret, records[i], contents, patient.PublicKey, doctorKey);
        }
        long cpuStart = Stopwatch.GetTimestamp();
        foreach (LedgerRecord r in records)
        {
            BroadcastVerifier.Verify(p, hospitalSecret, r, contents, patient.PublicKey, doctorKey);
        }
        double verify = Stopwatch.GetElapsedTime(cpuStart).TotalSeconds / records.Count;
        Block block = Block.Seal(hospitalSecret, hospitalPid, null, records.Take(10).ToList(), DateTimeOffset.UtcNow);
        var validator = new ChainValidator(p, hospitalSecret.PublicKey, hospitalPid, BlockPolicy.Paper,
            r => SchnorrSignature.Decode(p, r.Signature).Verify(p, doctorKey, SignaturePurpose.LedgerRecord, r.SignedBytes()));
        validator.ValidateNext(block, null);
        long replicaStart = Stopwatch.GetTimestamp();
        for (int n = 0; n < 4; n++)
        {
            validator.ValidateNext(block, null);
        }
        double replicas = Stopwatch.GetElapsedTime(replicaStart).TotalSeconds / block.Records.Count;
        double limit = Environment.ProcessorCount / (verify + replicas);

        // One cross-hospital history request: consent, trapdoor, SM proxy over 5 matching records.
        using SecretKey otherDoctor = SecretKey.Generate(p);
        Consent consent = Consent.Grant(patient, "bench-consent", "bench-patient", "bench-doctor-b", otherDoctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1));
        await cluster.GrainFactory.GetGrain<IPatientGrain>("bench-patient").GrantConsentAsync(
            new ConsentGrant(consent.ConsentId, consent.PatientId, consent.DoctorId, consent.DoctorKey, consent.ReKey, consent.ExpiresAtMs, consent.Signature));
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(hospitalPid)] = Trapdoor.Create(p, patient, hospitalKey, symptom).Encode() };
        long shareStart = Stopwatch.GetTimestamp();
        ShareResult shared = await sm.ShareAsync("bench-patient", "bench-consent", "bench-doctor-b", trapdoors);
        double shareMs = Stopwatch.GetElapsedTime(shareStart).TotalMilliseconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest {level} {ingest:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-crypto-ms-per-record {level} {1000 * verify:F2} + replicas {1000 * replicas:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-crypto-limit {level} {limit:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-ratio {level} {ingest / limit:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-cpu-ms-per-record {level} silo-process {ownCpuMs:F2} azurite {azuriteCpuMs:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search-share-grains {level} {shareMs:F1} ({shared.Records.Length} records)"));
    }

    private static LedgerRecord Ledger(SystemParameters p, PublicKey hospitalKey, byte[] hospitalPid, SecretKey doctor, SecretKey patient, byte[] alpha, Scalar symptom, int i) =>
        DoctorBroadcast.Create(p, doctor, "bench-doctor", patient.PublicKey, "bench-patient", hospitalKey, hospitalPid, alpha, symptom,
            System.Text.Encoding.UTF8.GetBytes($"visit {i}"));

    private static BroadcastRequest Broadcast(SystemParameters p, PublicKey hospitalKey, byte[] hospitalPid, SecretKey doctor, SecretKey patient, byte[] alpha, Scalar symptom, int i)
    {
        LedgerRecord r = Ledger(p, hospitalKey, hospitalPid, doctor, patient, alpha, symptom, i);
        return new BroadcastRequest("bench-doctor", "bench-patient", r.SealedRecord, r.PatientPid, r.Envelope, r.Signature);
    }
}
