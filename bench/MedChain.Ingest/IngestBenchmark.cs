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
        ISystemManagerGrain sm = cluster.GrainFactory.GetSystemManager();
        SystemParameters p = SystemParameters.FromJson(await sm.GetParametersAsync());
        IHospitalGrain hospital = cluster.GrainFactory.GetGrain<IHospitalGrain>("bench-hospital");
        PublicKey hospitalKey = PublicKey.Decode(p, await hospital.JoinAsync());
        byte[] hospitalPid = (await sm.GetHospitalAsync("bench-hospital"))!.Pid;
        using SecretKey doctor = SecretKey.Generate(p);
        await hospital.RegisterDoctorAsync("bench-doctor", doctor.PublicKey.Encode());
        using Scalar symptom = p.Hashes.Symptom("R50.9");
        int count = level == 80 ? 300 : 120;

        // Warm-up until the runtime is in its steady state: rounds (of a patient of their own)
        // until the JIT's tiered recompilation during a round is under 1% of the round's CPU.
        using BenchPatient warmUp = await BenchPatient.RegisterAsync(p, hospital, "bench-warmup");
        int warmUpRounds = 0;
        for (double jitShare = 1; jitShare > MaxJitShare && warmUpRounds < MaxWarmUpRounds; warmUpRounds++)
        {
            jitShare = (await IngestRoundAsync(hospital, Broadcasts(p, hospitalKey, hospitalPid, doctor, warmUp, symptom, warmUpRounds * count, count), azurite)).JitShare;
        }

        // Measured rounds, each for a patient of its own; the median round is reported.
        using BenchPatient patient = await BenchPatient.RegisterAsync(p, hospital, "bench-patient");
        List<RoundResult> rounds = [];
        for (int round = 0; round < MeasuredRounds; round++)
        {
            using BenchPatient roundPatient = round == 0 ? patient.Borrow() : await BenchPatient.RegisterAsync(p, hospital, $"bench-patient-{round}");
            rounds.Add(await IngestRoundAsync(hospital, Broadcasts(p, hospitalKey, hospitalPid, doctor, roundPatient, symptom, 0, count), azurite));
        }
        RoundResult median = rounds.OrderBy(r => r.RecordsPerSecond).ElementAt(MeasuredRounds / 2);
        double ingest = median.RecordsPerSecond;
        byte[] alpha = patient.Alpha;

        // The server's crypto per record, one core: the hospital's and the verifier's checks, and
        // the replicas' re-validation of the block (doctor and hospital signatures, 4 replicas);
        // each the median of five timings, as the cores' speed drifts.
        using SecretKey hospitalSecret = SecretKey.Generate(p);
        var contents = new EnvelopeContents(alpha, "bench-patient", hospitalPid, "bench-doctor");
        List<RecordBroadcast> records = Enumerable.Range(0, 20).Select(i => Ledger(p, hospitalSecret.PublicKey, hospitalPid, doctor, patient, symptom, i)).ToList();
        PublicKey doctorKey = PublicKey.Decode(p, doctor.PublicKey.Encode());
        for (int i = 0; i < 10; i++)
        {
            BroadcastVerifier.Verify(p, hospitalSecret, records[i].Record, records[i].Body.Length, contents, patient.Key.PublicKey, doctorKey);
        }
        double verify = Median(() =>
        {
            foreach (RecordBroadcast r in records)
            {
                BroadcastVerifier.Verify(p, hospitalSecret, r.Record, r.Body.Length, contents, patient.Key.PublicKey, doctorKey);
            }
        }) / records.Count;
        Block block = Block.Seal(hospitalSecret, hospitalPid, null, records.Take(10).Select(r => r.Record).ToList(), DateTimeOffset.UtcNow);
        var validator = new ChainValidator(p, hospitalSecret.PublicKey, hospitalPid, BlockPolicy.Paper,
            r => SchnorrSignature.Decode(p, r.Signature).Verify(p, doctorKey, SignaturePurpose.LedgerRecord, r.SignedBytes()));
        validator.ValidateNext(block, null);
        double replicas = Median(() =>
        {
            for (int n = 0; n < 4; n++)
            {
                validator.ValidateNext(block, null);
            }
        }) / block.Records.Count;
        double limit = Environment.ProcessorCount / (verify + replicas);

        // The same crypto run on every core at once (each core its own copy of the work): what the
        // cores do when they do nothing else, shared caches and all, in records per second.
        int cores = Environment.ProcessorCount;
        double parallelLimit = cores * records.Count / Median(() => Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, _ =>
        {
            foreach (RecordBroadcast r in records)
            {
                BroadcastVerifier.Verify(p, hospitalSecret, r.Record, r.Body.Length, contents, patient.Key.PublicKey, doctorKey);
            }
            for (int n = 0; n < 4 * records.Count / block.Records.Count; n++)
            {
                validator.ValidateNext(block, null);
            }
        }));

        // One cross-hospital history request: consent, trapdoor, SM proxy over 5 matching records.
        using SecretKey otherDoctor = SecretKey.Generate(p);
        await hospital.RegisterDoctorAsync("bench-doctor-b", otherDoctor.PublicKey.Encode());
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(hospitalPid)] = Trapdoor.Create(p, patient.Key, hospitalKey, symptom).Encode() };
        Consent consent = Consent.Grant(patient.Key, "bench-consent", "bench-patient", "bench-doctor-b", otherDoctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1),
            trapdoors.Select(t => (Convert.FromBase64String(t.Key), t.Value)));
        await cluster.GrainFactory.GetGrain<IPatientGrain>("bench-patient").GrantConsentAsync(
            new ConsentGrant(consent.ConsentId, consent.PatientId, consent.DoctorId, consent.DoctorKey, consent.ReKey, consent.ExpiresAtMs, consent.Signature, consent.Scope));
        long shareStart = Stopwatch.GetTimestamp();
        ShareResult shared = await cluster.GrainFactory.GetReEncryptionProxy().ShareAsync("bench-patient", "bench-consent", "bench-doctor-b", trapdoors);
        double shareMs = Stopwatch.GetElapsedTime(shareStart).TotalMilliseconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest {level} {ingest:F1} (rounds {string.Join(" ", rounds.Select(r => r.RecordsPerSecond.ToString("F1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-crypto-ms-per-record {level} {1000 * verify:F2} + replicas {1000 * replicas:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-crypto-limit {level} {limit:F1} (one-core timing x {cores}); {parallelLimit:F1} (measured on all cores)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-ratio {level} {ingest / limit:F2} (one-core timing x {cores}); {ingest / parallelLimit:F2} (measured on all cores)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest-cpu-ms-per-record {level} silo-process {median.OwnCpuMs:F2} (crypto threads {median.CryptoThreadsCpuMs:F2}) azurite {median.AzuriteCpuMs:F2} (jit {100 * median.JitShare:F1}% of cpu; {warmUpRounds} warm-up rounds)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search-share-grains {level} {shareMs:F1} ({shared.Records.Length} records)"));
    }

    /// <summary>Rounds measured after the warm-up; the median is reported.</summary>
    private const int MeasuredRounds = 3;

    /// <summary>Warm-up ends after a round whose JIT time is under this share of its CPU time.</summary>
    private const double MaxJitShare = 0.01;

    /// <summary>Warm-up ends after this many rounds even if the JIT is still busy.</summary>
    private const int MaxWarmUpRounds = 20;

    /// <summary>One round: records per second, CPU per record of this process and of Azurite, and the JIT's share of the CPU.</summary>
    private sealed record RoundResult(double RecordsPerSecond, double OwnCpuMs, double CryptoThreadsCpuMs, double AzuriteCpuMs, double JitShare);

    /// <summary>Sends every broadcast at once, then seals what is pending; fails if any is refused.</summary>
    private static async Task<RoundResult> IngestRoundAsync(IHospitalGrain hospital, List<BroadcastRequest> requests, AzuriteProcess azurite)
    {
        // Where the two cores go: this process (silo, client, crypto) and the storage emulator.
        TimeSpan ownCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan azuriteCpuStart = azurite.ProcessorTime;
        TimeSpan jitStart = System.Runtime.JitInfo.GetCompilationTime();
        TimeSpan cryptoStart = CryptoThreadsTime();
        long start = Stopwatch.GetTimestamp();
        BroadcastReceipt[] receipts = await Task.WhenAll(requests.Select(hospital.BroadcastAsync));
        await hospital.SealPendingAsync();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (receipts.Any(r => !r.Accepted))
        {
            throw new InvalidOperationException("A benchmark broadcast was refused.");
        }
        int count = requests.Count;
        TimeSpan ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpuStart;
        return new RoundResult(
            count / seconds,
            ownCpu.TotalMilliseconds / count,
            (CryptoThreadsTime() - cryptoStart).TotalMilliseconds / count,
            (azurite.ProcessorTime - azuriteCpuStart).TotalMilliseconds / count,
            (System.Runtime.JitInfo.GetCompilationTime() - jitStart) / (ownCpu + (azurite.ProcessorTime - azuriteCpuStart)));
    }

    /// <summary>The median of five timings of <paramref name="work"/>, in seconds.</summary>
    private static double Median(Action work)
    {
        double[] seconds = new double[5];
        for (int i = 0; i < seconds.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            work();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(seconds);
        return seconds[seconds.Length / 2];
    }

    /// <summary>
    /// CPU time used so far by the silo's crypto worker threads (named "medchain-crypto-n"), from
    /// /proc (user + system ticks of each thread; 10 ms resolution).
    /// </summary>
    private static TimeSpan CryptoThreadsTime()
    {
        long ticks = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                int close = stat.LastIndexOf(')');
                if (!stat[(stat.IndexOf('(') + 1)..close].StartsWith("medchain-crypt", StringComparison.Ordinal))
                {
                    continue;
                }
                string[] fields = stat[(close + 2)..].Split(' ');
                // Fields after the name start at the state (field 3): utime and stime are fields 14 and 15.
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>A patient of the benchmark: his key pair (his device's) and the alpha the hospital issued him.</summary>
    private sealed record BenchPatient(string Id, SecretKey Key, byte[] Alpha, bool Owned) : IDisposable
    {
        public static async Task<BenchPatient> RegisterAsync(SystemParameters p, IHospitalGrain hospital, string id)
        {
            SecretKey key = SecretKey.Generate(p);
            return new BenchPatient(id, key, await hospital.RegisterPatientAsync(id, key.PublicKey.Encode()), true);
        }

        /// <summary>The same patient, for a using block that must not dispose his key.</summary>
        public BenchPatient Borrow() => this with { Owned = false };

        public void Dispose()
        {
            if (Owned)
            {
                Key.Dispose();
            }
        }
    }

    private static List<BroadcastRequest> Broadcasts(SystemParameters p, PublicKey hospitalKey, byte[] hospitalPid, SecretKey doctor, BenchPatient patient, Scalar symptom, int first, int count) =>
        Enumerable.Range(first, count).Select(i => Broadcast(p, hospitalKey, hospitalPid, doctor, patient, symptom, i)).ToList();

    private static RecordBroadcast Ledger(SystemParameters p, PublicKey hospitalKey, byte[] hospitalPid, SecretKey doctor, BenchPatient patient, Scalar symptom, int i) =>
        DoctorBroadcast.Create(p, doctor, "bench-doctor", patient.Key.PublicKey, patient.Id, hospitalKey, hospitalPid, patient.Alpha, symptom,
            System.Text.Encoding.UTF8.GetBytes($"visit {i}"));

    private static BroadcastRequest Broadcast(SystemParameters p, PublicKey hospitalKey, byte[] hospitalPid, SecretKey doctor, BenchPatient patient, Scalar symptom, int i)
    {
        RecordBroadcast r = Ledger(p, hospitalKey, hospitalPid, doctor, patient, symptom, i);
        return new BroadcastRequest("bench-doctor", patient.Id, r.SealedRecord(), r.Record.PatientPid, r.Record.Envelope, r.Record.Signature);
    }
}
