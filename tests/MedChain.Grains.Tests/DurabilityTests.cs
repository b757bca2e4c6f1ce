using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Records;
using MedChain.Testing;

namespace MedChain.Grains.Tests;

/// <summary>
/// Acknowledge only what is durable: a write that fails fails the call and leaves the grain as
/// storage holds it, so that the retry writes, and what it acknowledged is still there once every
/// activation is gone (each case fails against grains that changed memory and never undid it).
/// Key rotations and revocations (issue 11 §8) too: until stored, the old key or no revocation holds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(ClusterFixture fixture)
{
    private StorageFaults Faults => fixture.Cluster.Faults();

    [Fact]
    public async Task ADoctorWhoseProfileWriteFailedIsRegisteredByTheRetry()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        string doctorId = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        using SecretKey doctor = SecretKey.Generate(s.Parameters);
        Faults.FailNextWrites("doctor", doctorId);
        // The storage failure reaches the caller as the one type every caller loads, through both grains.
        await Assert.ThrowsAsync<StorageUnavailableException>(() => s.Hospital.RegisterDoctorAsync(doctorId, doctor.PublicKey.Encode()));
        await s.Hospital.RegisterDoctorAsync(doctorId, doctor.PublicKey.Encode());
        await DeactivateAllAsync();
        Assert.Equal(doctor.PublicKey.Encode(), (await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync())?.PublicKey);
        Assert.NotNull(await s.Hospital.GetDoctorAsync(doctorId));
    }

    [Fact]
    public async Task AConsentWhoseWriteFailedIsNotKeptAndIsStoredByTheRetryAndSoIsItsRevocation()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        using SecretKey reader = SecretKey.Generate(s.Parameters);
        Consent consent = Consent.Grant(s.Patient, "c-durable", s.PatientId, "reader", reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), [(s.HospitalPid, [1, 2, 3])]);
        ConsentGrant grant = Scenario.Grant(consent);
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(s.PatientId);

        Faults.FailNextWrites("patient", s.PatientId);
        await Assert.ThrowsAnyAsync<Exception>(() => patient.GrantConsentAsync(grant));
        Assert.Empty(await patient.GetConsentsAsync());
        Assert.Null(await patient.GetActiveConsentAsync("c-durable", "reader"));
        await patient.GrantConsentAsync(grant);
        await DeactivateAllAsync();
        Assert.NotNull(await patient.GetActiveConsentAsync("c-durable", "reader"));

        Faults.FailNextWrites("patient", s.PatientId);
        await Assert.ThrowsAnyAsync<Exception>(() => patient.RevokeConsentAsync("c-durable"));
        Assert.NotNull(await patient.GetActiveConsentAsync("c-durable", "reader"));
        Assert.True(await patient.RevokeConsentAsync("c-durable"));
        await DeactivateAllAsync();
        Assert.Null(await patient.GetActiveConsentAsync("c-durable", "reader"));
        Assert.True((await patient.GetConsentsAsync()).Single().Revoked);
    }

    [Fact]
    public async Task AnAdmissionWhoseWriteFailedIsMadeByTheRetryAndItsPseudonymOpens()
    {
        string hospitalId = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        IHospitalGrain hospital = fixture.Cluster.GrainFactory.GetGrain<IHospitalGrain>(hospitalId);
        ISystemManagerGrain sm = fixture.Cluster.GrainFactory.GetSystemManager();
        Faults.FailNextWrites("sm", SingletonGrains.SystemManagerKey);
        await Assert.ThrowsAnyAsync<Exception>(() => hospital.JoinAsync());
        Assert.Null(await sm.GetHospitalAsync(hospitalId));
        await hospital.JoinAsync();
        await DeactivateAllAsync();
        HospitalRegistration registration = (await sm.GetHospitalAsync(hospitalId))!;
        Assert.Equal(hospitalId, (await sm.GetHospitalByPidAsync(registration.Pid))?.HospitalId);
        Assert.Equal(registration.Pid, (await hospital.GetIdentityAsync()).Pid);
    }

    [Fact]
    public async Task AReportAndItsDecisionWhoseWritesFailedAreMadeOnceByTheRetries()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        IDoctorGrain doctor = fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(s.DoctorId);
        ISystemManagerGrain sm = fixture.Cluster.GrainFactory.GetSystemManager();
        Faults.FailNextWrites("sm", SingletonGrains.SystemManagerKey);
        await Assert.ThrowsAnyAsync<Exception>(() => doctor.ReportHospitalAsync(s.HospitalId, "records withheld"));
        Assert.DoesNotContain(await sm.GetReportsAsync(null), r => r.DoctorId == s.DoctorId);
        HospitalReport report = await doctor.ReportHospitalAsync(s.HospitalId, "records withheld");

        Faults.FailNextWrites("sm", SingletonGrains.SystemManagerKey);
        await Assert.ThrowsAnyAsync<Exception>(() => sm.DecideReportAsync(report.ReportId, uphold: true));
        Assert.Equal(CreditPolicy.Default.Initial, (await sm.GetHospitalAsync(s.HospitalId))!.Credit);
        Assert.Equal(ReportStatus.Pending, (await sm.GetReportsAsync(null)).Single(r => r.ReportId == report.ReportId).Status);
        int after = (await sm.DecideReportAsync(report.ReportId, uphold: true)).Credit;
        Assert.Equal(CreditPolicy.Default.Initial - CreditPolicy.Default.UpheldReportPenalty, after);
        await DeactivateAllAsync();
        Assert.Equal(after, (await sm.GetHospitalAsync(s.HospitalId))!.Credit);
        Assert.Equal(ReportStatus.Upheld, (await sm.GetReportsAsync(null)).Single(r => r.ReportId == report.ReportId).Status);
    }

    [Fact]
    public async Task ARotationWhoseWriteFailedKeepsTheOldKeyAndTheRetryMovesPatientAndHospital()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(s.PatientId);
        using SecretKey next = SecretKey.Generate(s.Parameters);
        KeyRotation rotation = KeyRotation.Create("patient", s.PatientId, s.Patient, next);

        Faults.FailNextWrites("patient", s.PatientId);
        await Assert.ThrowsAnyAsync<Exception>(() => patient.RotateKeyAsync(rotation.NewKey, rotation.CurrentKeySignature, rotation.NewKeySignature));
        Assert.Equal(s.Patient.PublicKey.Encode(), await patient.GetPublicKeyAsync());
        Assert.Equal(BroadcastCheck.Valid, (await s.Hospital.BroadcastAsync(s.Broadcast("for the old key"))).Check);

        await patient.RotateKeyAsync(rotation.NewKey, rotation.CurrentKeySignature, rotation.NewKeySignature);
        // The same rotation again is the one already made (it re-tells the hospitals).
        await patient.RotateKeyAsync(rotation.NewKey, rotation.CurrentKeySignature, rotation.NewKeySignature);
        await DeactivateAllAsync();
        Assert.Equal(next.PublicKey.Encode(), await patient.GetPublicKeyAsync());
        Assert.Equal(BroadcastCheck.InvalidCiphertext, (await s.Hospital.BroadcastAsync(s.Broadcast("still for the old key"))).Check);
        // A second rotation must be signed by the new key: the old one no longer moves the id.
        using SecretKey third = SecretKey.Generate(s.Parameters);
        KeyRotation stale = KeyRotation.Create("patient", s.PatientId, s.Patient, third);
        Assert.Equal(Refusal.Invalid, (await Assert.ThrowsAsync<RefusalException>(() => patient.RotateKeyAsync(stale.NewKey, stale.CurrentKeySignature, stale.NewKeySignature))).Kind);
    }

    [Fact]
    public async Task ARevocationWhoseWriteFailedIsNotInForceAndTheRetryRevokesAtTheHospital()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        IDoctorGrain doctor = fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(s.DoctorId);

        Faults.FailNextWrites("doctor", s.DoctorId);
        await Assert.ThrowsAnyAsync<Exception>(() => doctor.RevokeAsync());
        Assert.False(await doctor.IsRevokedAsync());
        Assert.Equal(BroadcastCheck.Valid, (await s.Hospital.BroadcastAsync(s.Broadcast("before"))).Check);

        Assert.True(await doctor.RevokeAsync());
        await DeactivateAllAsync();
        Assert.True(await doctor.IsRevokedAsync());
        Assert.True((await doctor.GetProfileAsync())!.Revoked);
        Assert.False((await s.Hospital.GetDoctorAsync(s.DoctorId))!.InGoodStanding);
        Assert.Equal(BroadcastCheck.DoctorRevoked, (await s.Hospital.BroadcastAsync(s.Broadcast("after"))).Check);
        Assert.False(await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>("never-" + Guid.NewGuid().ToString("N")[..8]).RevokeAsync());
    }

    /// <summary>Every activation of the silo goes: the next call to any grain reads its state from storage.</summary>
    private async Task DeactivateAllAsync()
    {
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(500);
    }
}
