using Azure.Data.Tables;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;

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
        IAccessLogGrain accessLog = fixture.Cluster.GrainFactory.GetAccessLog();
        // The patient's index names hospitals by PID_i; only the SM can say which hospital that is.
        byte[][] pids = await patient.GetHospitalsAsync();
        Assert.Equal(new[] { a.HospitalId, b.HospitalId }.Order(StringComparer.Ordinal),
            (await Task.WhenAll(pids.Select(sm.GetHospitalByPidAsync))).Select(h => h!.HospitalId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(pids, pid => System.Text.Encoding.UTF8.GetString(pid).Contains(a.HospitalId, StringComparison.Ordinal));
        SystemParameters p = a.Parameters;

        using Scalar fever = p.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(a.HospitalPid)] = Trapdoor.Create(p, a.Patient, a.HospitalKey, fever).Encode() };

        ShareResult without = await proxy.ShareAsync(a.PatientId, "consent-1", "doctor-b", trapdoors);
        Assert.False(without.Allowed);

        Consent consent = Consent.Grant(a.Patient, "consent-1", a.PatientId, "doctor-b", b.Doctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors));
        await patient.GrantConsentAsync(Scenario.Grant(consent));
        long logStart = (await accessLog.ReadAsync(0)).Length;

        ShareResult allowed = await proxy.ShareAsync(a.PatientId, "consent-1", "doctor-b", trapdoors);
        Assert.True(allowed.Allowed, allowed.Refusal.ToString());
        var texts = allowed.Records
            .Select(r => System.Text.Encoding.UTF8.GetString(ReEncryptedRecord.Decode(p, r).Decrypt(p, b.Doctor)))
            .Order().ToList();
        Assert.Equal(["history 0", "history 1", "history 2"], texts);
        Assert.False((await proxy.ShareAsync(a.PatientId, "consent-1", "doctor-c", trapdoors)).Allowed);

        AccessEntry[] log = await accessLog.ReadAsync(0);
        Assert.Equal(logStart + 3, log.Length);
        Assert.Equal((log.Length, (long?)null), await accessLog.AuditAsync());
        Assert.All(log.Skip((int)logStart), e => Assert.Equal(("doctor-b", a.PatientId, a.HospitalId, "consent-1"), (e.DoctorId, e.PatientId, e.HospitalId, e.ConsentId)));

        // Someone with write access to storage changes who read a record: the audit names the entry,
        // and recomputing the hash (without the silos' key) does not hide it.
        var table = new TableClient(fixture.StorageConnectionString, "medchainaccess");
        TableEntity row = (await table.GetEntityAsync<TableEntity>(fixture.ServiceId, log[^2].Sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture))).Value;
        row["DoctorId"] = "doctor-x";
        await table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());
        row["Hash"] = System.Security.Cryptography.SHA256.HashData([.. log[^3].Hash, .. System.Text.Encoding.UTF8.GetBytes("doctor-x")]);
        await table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());
        await table.DeleteEntityAsync(fixture.ServiceId, log[^2].Sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((log.Length, (long?)log[^2].Sequence), await accessLog.AuditAsync());

        Assert.True(await patient.RevokeConsentAsync("consent-1"));
        Assert.False((await proxy.ShareAsync(a.PatientId, "consent-1", "doctor-b", trapdoors)).Allowed);
        Assert.True((await patient.GetConsentsAsync()).Single().Revoked);
    }

    [Fact]
    public async Task SuspendedHospitalsAreNotAskedForRecordsAndTakeNoMoreBroadcasts()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        using SecretKey otherDoctor = SecretKey.Generate(a.Parameters);
        string otherDoctorId = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        await a.Hospital.RegisterDoctorAsync(otherDoctorId, otherDoctor.PublicKey.Encode());
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId);
        using SecretKey reader = SecretKey.Generate(a.Parameters);
        using Scalar fever = a.Parameters.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(a.HospitalPid)] = Trapdoor.Create(a.Parameters, a.Patient, a.HospitalKey, fever).Encode() };
        Consent consent = Consent.Grant(a.Patient, "c-susp", a.PatientId, "reader", reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors));
        await patient.GrantConsentAsync(Scenario.Grant(consent));
        IReEncryptionProxyGrain proxy = fixture.Cluster.GrainFactory.GetReEncryptionProxy();
        Assert.True((await proxy.ShareAsync(a.PatientId, "c-susp", "reader", trapdoors)).Allowed);

        // Two upheld reports by two of its doctors bring the hospital to the suspension threshold.
        await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(a.DoctorId).ReportHospitalAsync(a.HospitalId, "records withheld");
        int credit = await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(otherDoctorId).ReportHospitalAsync(a.HospitalId, "records altered");
        Assert.True(Protocol.Credit.CreditPolicy.Default.IsExpelled(credit));
        ShareResult refused = await proxy.ShareAsync(a.PatientId, "c-susp", "reader", trapdoors);
        Assert.False(refused.Allowed);
        Assert.Equal(ShareRefusal.HospitalSuspended, refused.Refusal);
        BroadcastReceipt late = await a.Hospital.BroadcastAsync(a.Broadcast("after suspension"));
        Assert.Equal((false, BroadcastCheck.HospitalSuspended), (late.Accepted, late.Check));
        Assert.Equal(0, (await a.Hospital.GetHeadAsync()).Pending);
    }

    [Fact]
    public async Task AnAccessLogWithoutAHeadAdoptsTheStoredEntriesAsFarAsTheyChain()
    {
        using Scenario a = await Scenario.CreateAsync(fixture.Cluster);
        Assert.True((await a.Hospital.BroadcastAsync(a.Broadcast("logged"))).Accepted);
        await a.Hospital.SealPendingAsync();
        using SecretKey reader = SecretKey.Generate(a.Parameters);
        using Scalar fever = a.Parameters.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(a.HospitalPid)] = Trapdoor.Create(a.Parameters, a.Patient, a.HospitalKey, fever).Encode() };
        Consent consent = Consent.Grant(a.Patient, "c-log", a.PatientId, "log-reader", reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors));
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(a.PatientId).GrantConsentAsync(Scenario.Grant(consent));
        Assert.Single((await fixture.Cluster.GrainFactory.GetReEncryptionProxy().ShareAsync(a.PatientId, "c-log", "log-reader", trapdoors)).Records);
        (long count, long? broken) = await fixture.Cluster.GrainFactory.GetAccessLog().AuditAsync();

        // A log grain that never wrote its head (its state predates it, or its first append crashed before the head)
        // over the same stored entries takes them as its own, up to the first that does not chain.
        IAccessLogGrain headless = fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>("access-log-" + Guid.NewGuid().ToString("N"));
        Assert.Equal((broken ?? count, (long?)null), await headless.AuditAsync());
        if (broken is null)
        {
            // Nothing tampered with before this test: the adopted head is this test's access.
            AccessEntry last = (await headless.ReadAsync(count - 1)).Single();
            Assert.Equal(("log-reader", a.PatientId, a.HospitalId), (last.DoctorId, last.PatientId, last.HospitalId));
        }
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
