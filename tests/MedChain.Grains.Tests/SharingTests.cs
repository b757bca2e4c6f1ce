using Azure.Data.Tables;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using MedChain.Testing;

namespace MedChain.Grains.Tests;

/// <summary>Cross-hospital history through the SM proxy: allowed with consent, refused without it, after revocation or for another doctor; every access logged.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SharingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task DoctorOfHospitalBReadsHistoryFromHospitalAOnlyWithConsent()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        using Scenario b = await Scenario.CreateAsync(fixture.Cluster, a.PatientId, a.Patient);
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await a.Hospital.BroadcastAsync(a.Broadcast($"history {i}"))).Accepted);
        }
        await a.Hospital.SealPendingAsync();
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId);
        ISystemManagerGrain sm = fixture.Cluster.GrainFactory.GetSystemManager();
        IReEncryptionProxyGrain proxy = fixture.Cluster.GrainFactory.GetReEncryptionProxy();
        IAccessLogGrain accessLog = fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>(a.PatientId);
        // The patient's index names hospitals by PID_i; only the SM can say which hospital that is.
        byte[][] pids = await patient.GetHospitalsAsync();
        Assert.Equal(new[] { a.HospitalId, b.HospitalId }.Order(StringComparer.Ordinal),
            (await Task.WhenAll(pids.Select(sm.GetHospitalByPidAsync))).Select(h => h!.HospitalId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(pids, pid => System.Text.Encoding.UTF8.GetString(pid).Contains(a.HospitalId, StringComparison.Ordinal));
        SystemParameters p = a.Parameters;

        using Scalar fever = p.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(a.HospitalPid)] = Trapdoor.Create(p, a.Patient, a.HospitalKey, fever).Encode() };

        ShareResult without = await proxy.ShareAsync(a.PatientId, "consent-1", b.DoctorId, trapdoors);
        Assert.False(without.Allowed);

        Consent consent = Consent.Grant(a.Patient, "consent-1", a.PatientId, b.DoctorId, b.Doctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors));
        await patient.GrantConsentAsync(Scenario.Grant(consent));
        long logStart = (await accessLog.ReadAsync(0)).Length;

        ShareResult allowed = await proxy.ShareAsync(a.PatientId, "consent-1", b.DoctorId, trapdoors);
        Assert.True(allowed.Allowed, allowed.Refusal.ToString());
        var texts = new List<string>();
        foreach (SharedRecord r in allowed.Records)
        {
            texts.Add(System.Text.Encoding.UTF8.GetString(await Scenario.OpenSharedAsync(fixture.Cluster.GrainFactory, p, r, b.Doctor)));
        }
        texts.Sort(StringComparer.Ordinal);
        Assert.Equal(["history 0", "history 1", "history 2"], texts);
        Assert.False((await proxy.ShareAsync(a.PatientId, "consent-1", "doctor-c", trapdoors)).Allowed);

        AccessEntry[] log = await accessLog.ReadAsync(0);
        Assert.Equal(logStart + 3, log.Length);
        Assert.Equal((log.Length, (long?)null), await accessLog.AuditAsync());
        Assert.All(log.Skip((int)logStart), e => Assert.Equal((b.DoctorId, a.PatientId, a.HospitalId, "consent-1"), (e.DoctorId, e.PatientId, e.HospitalId, e.ConsentId)));

        // Someone with write access to storage changes who read a record: the audit names the entry,
        // and recomputing the hash (without the silos' key) does not hide it.
        // (The log's rows are under the patient's pseudonym and their fields sealed: the row is found by its hash.)
        var table = new TableClient(fixture.StorageConnectionString, "medchainaccess");
        TableEntity row = await table.QueryAsync<TableEntity>().FirstAsync(e => e.GetBinary("Hash") is { } h && h.AsSpan().SequenceEqual(log[^2].Hash));
        string partition = row.PartitionKey;
        byte[] sealedFields = row.GetBinary("Sealed")!;
        sealedFields[^1] ^= 1;
        row["Sealed"] = sealedFields;
        await table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());
        row["Hash"] = System.Security.Cryptography.SHA256.HashData([.. log[^3].Hash, .. System.Text.Encoding.UTF8.GetBytes("doctor-x")]);
        await table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());
        await table.DeleteEntityAsync(partition, log[^2].Sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());

        Assert.True(await patient.RevokeConsentAsync("consent-1"));
        Assert.False((await proxy.ShareAsync(a.PatientId, "consent-1", b.DoctorId, trapdoors)).Allowed);
        Assert.True((await patient.GetConsentsAsync()).Single().Revoked);
    }

    [Fact]
    public async Task SuspendedHospitalsAreSkippedInASharetakeNoBroadcastsAndAreReinstatedByTheSmAdmin()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        using Scenario b = await Scenario.CreateAsync(fixture.Cluster, a.PatientId, a.Patient);
        Assert.True((await a.Hospital.BroadcastAsync(a.Broadcast("at a"))).Accepted);
        Assert.True((await b.Hospital.BroadcastAsync(b.Broadcast("at b"))).Accepted);
        await Task.WhenAll(a.Hospital.SealPendingAsync(), b.Hospital.SealPendingAsync());
        using SecretKey otherDoctor = SecretKey.Generate(a.Parameters);
        string otherDoctorId = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        await a.Hospital.RegisterDoctorAsync(otherDoctorId, otherDoctor.PublicKey.Encode());
        using SecretKey reader = SecretKey.Generate(a.Parameters);
        string readerId = await b.RegisterDoctorAsync(reader);
        using Scalar fever = a.Parameters.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]>
        {
            [Convert.ToBase64String(a.HospitalPid)] = Trapdoor.Create(a.Parameters, a.Patient, a.HospitalKey, fever).Encode(),
            [Convert.ToBase64String(b.HospitalPid)] = Trapdoor.Create(b.Parameters, b.Patient, b.HospitalKey, fever).Encode(),
        };
        Consent consent = Consent.Grant(a.Patient, "c-susp", a.PatientId, readerId, reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors));
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId).GrantConsentAsync(Scenario.Grant(consent));
        IReEncryptionProxyGrain proxy = fixture.Cluster.GrainFactory.GetReEncryptionProxy();
        Assert.Equal(2, (await proxy.ShareAsync(a.PatientId, "c-susp", readerId, trapdoors)).Records.Length);

        // Two reports by two of its doctors, both upheld by the sm-admin, bring hospital a to the suspension threshold.
        ISystemManagerGrain sm = fixture.Cluster.GrainFactory.GetSystemManager();
        HospitalReport first = await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(a.DoctorId).ReportHospitalAsync(a.HospitalId, "records withheld");
        HospitalReport second = await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(otherDoctorId).ReportHospitalAsync(a.HospitalId, "records altered");
        await sm.DecideReportAsync(first.ReportId, uphold: true);
        Assert.True(Protocol.Credit.CreditPolicy.Default.IsExpelled((await sm.DecideReportAsync(second.ReportId, uphold: true)).Credit));

        // A share skips it and says so; hospital b still answers.
        ShareResult skipping = await proxy.ShareAsync(a.PatientId, "c-susp", readerId, trapdoors);
        Assert.True(skipping.Allowed);
        Assert.Single(skipping.Records);
        Assert.Equal([Convert.ToBase64String(a.HospitalPid)], skipping.SkippedHospitalPids);
        BroadcastReceipt late = await a.Hospital.BroadcastAsync(a.Broadcast("after suspension"));
        Assert.Equal((false, BroadcastCheck.HospitalSuspended), (late.Accepted, late.Check));
        Assert.Equal(0, (await a.Hospital.GetHeadAsync()).Pending);

        // The sm-admin reinstates it: it takes records again and is asked again.
        Assert.Equal(Protocol.Credit.CreditPolicy.Default.Initial, (await sm.ReinstateHospitalAsync(a.HospitalId)).Credit);
        BroadcastReceipt again = await a.Hospital.BroadcastAsync(a.Broadcast("reinstated"));
        for (int i = 0; !again.Accepted && i < 50; i++)
        {
            // The SM's message may take a moment to arrive.
            await Task.Delay(100);
            again = await a.Hospital.BroadcastAsync(a.Broadcast($"reinstated {i}"));
        }
        Assert.True(again.Accepted);
        ShareResult whole = await proxy.ShareAsync(a.PatientId, "c-susp", readerId, trapdoors);
        Assert.Equal((2, 0), (whole.Records.Length, whole.SkippedHospitalPids.Length));
    }

    [Fact]
    public async Task SharesOfTwoPatientsRunSideBySideAndAnAdmissionDuringALongShareAnswersFirst()
    {
        // A long share: 120 records of one patient; a short one: 1 record of another.
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        using Scenario b = await Scenario.CreateAsync(fixture.Cluster);
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => a.Hospital.BroadcastAsync(a.Broadcast($"long {i}"))));
        Assert.True((await b.Hospital.BroadcastAsync(b.Broadcast("short"))).Accepted);
        await Task.WhenAll(a.Hospital.SealPendingAsync(), b.Hospital.SealPendingAsync());
        Dictionary<string, byte[]> longTrapdoors = Trapdoors(a), shortTrapdoors = Trapdoors(b);
        using SecretKey reader = SecretKey.Generate(a.Parameters);
        string readerId = await a.RegisterDoctorAsync(reader);
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId).GrantConsentAsync(Scenario.Grant(
            Consent.Grant(a.Patient, "c-long", a.PatientId, readerId, reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(longTrapdoors))));
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(b.PatientId).GrantConsentAsync(Scenario.Grant(
            Consent.Grant(b.Patient, "c-short", b.PatientId, readerId, reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(shortTrapdoors))));
        IReEncryptionProxyGrain proxy = fixture.Cluster.GrainFactory.GetReEncryptionProxy();

        Task<ShareResult> longShare = proxy.ShareAsync(a.PatientId, "c-long", readerId, longTrapdoors);
        await Task.Delay(50);
        Task<ShareResult> shortShare = proxy.ShareAsync(b.PatientId, "c-short", readerId, shortTrapdoors);
        Task<byte[]> admission = fixture.Cluster.GrainFactory.GetGrain<IHospitalGrain>("hospital-" + Guid.NewGuid().ToString("N")[..8]).JoinAsync();

        // Through one grain for every share (the SM as proxy), both would wait for the long share.
        Assert.Same(shortShare, await Task.WhenAny(longShare, shortShare));
        Assert.Same(admission, await Task.WhenAny(longShare, admission));
        Assert.Equal(120, (await longShare).Records.Length);
        Assert.Single((await shortShare).Records);
        // Each patient's access log is a chain of its own.
        Assert.Equal((120L, (long?)null), await fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>(a.PatientId).AuditAsync());
        Assert.Equal((1L, (long?)null), await fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>(b.PatientId).AuditAsync());
    }

    [Fact]
    public async Task AnAccessLogWhoseFirstHeadWriteFailedAdoptsItsStoredEntries()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        Assert.True((await a.Hospital.BroadcastAsync(a.Broadcast("logged"))).Accepted);
        await a.Hospital.SealPendingAsync();
        using SecretKey reader = SecretKey.Generate(a.Parameters);
        string readerId = await a.RegisterDoctorAsync(reader);
        Dictionary<string, byte[]> trapdoors = Trapdoors(a);
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId).GrantConsentAsync(Scenario.Grant(
            Consent.Grant(a.Patient, "c-log", a.PatientId, readerId, reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors))));
        IReEncryptionProxyGrain proxy = fixture.Cluster.GrainFactory.GetReEncryptionProxy();

        // The entry is stored, its head is not: the share fails (nothing is handed out unlogged).
        fixture.Cluster.Faults().FailNextWrites("access-log", a.PatientId);
        await Assert.ThrowsAnyAsync<Exception>(() => proxy.ShareAsync(a.PatientId, "c-log", readerId, trapdoors));
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(500);

        // The next activation has no state: it adopts the stored entry rather than write over it.
        IAccessLogGrain log = fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>(a.PatientId);
        Assert.Equal((1L, (long?)null), await log.AuditAsync());
        Assert.Single((await proxy.ShareAsync(a.PatientId, "c-log", readerId, trapdoors)).Records);
        Assert.Equal((2L, (long?)null), await log.AuditAsync());
        Assert.Equal([readerId, readerId], (await log.ReadAsync(0)).Select(e => e.DoctorId));
    }

    private static Dictionary<string, byte[]> Trapdoors(Scenario s)
    {
        using Scalar fever = s.Parameters.Hashes.Symptom("R50.9");
        return new Dictionary<string, byte[]> { [Convert.ToBase64String(s.HospitalPid)] = Trapdoor.Create(s.Parameters, s.Patient, s.HospitalKey, fever).Encode() };
    }

    [Fact]
    public async Task ForgedOrExpiredConsentsAreRefused()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        using SecretKey doctor = SecretKey.Generate(a.Parameters);
        using SecretKey stranger = SecretKey.Generate(a.Parameters);
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId);
        (byte[], byte[])[] someTrapdoor = [(a.HospitalPid, [1, 2, 3])];
        Consent forged = Consent.Grant(stranger, "c-forged", a.PatientId, "doctor-x", doctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1), someTrapdoor);
        Assert.Equal(Refusal.Invalid, (await Assert.ThrowsAsync<RefusalException>(() => patient.GrantConsentAsync(ToGrant(forged)))).Kind);
        Consent expired = Consent.Grant(a.Patient, "c-expired", a.PatientId, "doctor-x", doctor.PublicKey, DateTimeOffset.UtcNow.AddSeconds(-1), someTrapdoor);
        await patient.GrantConsentAsync(ToGrant(expired));
        Assert.Null(await patient.GetActiveConsentAsync("c-expired", "doctor-x"));
    }

    private static ConsentGrant ToGrant(Consent c) => Scenario.Grant(c);
}
