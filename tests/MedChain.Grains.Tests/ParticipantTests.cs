using System.Security.Cryptography;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Matching;

namespace MedChain.Grains.Tests;

/// <summary>Doctors' reports about hospitals, and patients matching through the relay grain in both modes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ParticipantTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ReportsAreFiledAndOnlyTheSmAdminsDecisionCostsTheHospitalCredit()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        ISystemManagerGrain sm = fixture.Cluster.GrainFactory.GetSystemManager();
        IDoctorGrain doctor = fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(s.DoctorId);
        DoctorProfile profile = (await doctor.GetProfileAsync())!;
        Assert.Equal(s.HospitalId, profile.HospitalId);
        Assert.Equal(s.HospitalPid, profile.HospitalPid);

        // Filed, not upheld: two insiders no longer suspend their hospital by themselves.
        HospitalReport report = await doctor.ReportHospitalAsync(s.HospitalId, "records withheld");
        Assert.Equal(ReportStatus.Pending, report.Status);
        Assert.Equal(CreditPolicy.Default.Initial, (await sm.GetHospitalAsync(s.HospitalId))!.Credit);
        // One report per doctor and hospital stands: a retry gets the one filed.
        Assert.Equal(report.ReportId, (await doctor.ReportHospitalAsync(s.HospitalId, "again")).ReportId);
        Assert.Contains(await sm.GetReportsAsync(ReportStatus.Pending), r => r.ReportId == report.ReportId);

        // A doctor grain that claims the hospital without being registered there, or a doctor of another hospital, is refused.
        IDoctorGrain impostor = fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>("impostor-" + Guid.NewGuid().ToString("N")[..6]);
        await impostor.RegisterAsync(s.HospitalId, s.HospitalPid, s.Doctor.PublicKey.Encode());
        Assert.Equal(Refusal.Forbidden, (await Assert.ThrowsAsync<RefusalException>(() => impostor.ReportHospitalAsync(s.HospitalId, "hearsay"))).Kind);
        using Scenario other = await Scenario.CreateAsync(fixture.Cluster);
        Assert.Equal(Refusal.Forbidden, (await Assert.ThrowsAsync<RefusalException>(() =>
            fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(other.DoctorId).ReportHospitalAsync(s.HospitalId, "hearsay"))).Kind);

        // The sm-admin upholds it: the penalty, once.
        int after = (await sm.DecideReportAsync(report.ReportId, uphold: true)).Credit;
        Assert.Equal(CreditPolicy.Default.Initial - CreditPolicy.Default.UpheldReportPenalty, after);
        Assert.Equal(Refusal.Conflict, (await Assert.ThrowsAsync<RefusalException>(() => sm.DecideReportAsync(report.ReportId, uphold: true))).Kind);
        Assert.Equal(after, (await sm.GetHospitalAsync(s.HospitalId))!.Credit);

        // A dismissed report changes nothing.
        using SecretKey secondKey = SecretKey.Generate(s.Parameters);
        string second = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        await s.Hospital.RegisterDoctorAsync(second, secondKey.PublicKey.Encode());
        HospitalReport dismissed = await fixture.Cluster.GrainFactory.GetGrain<IDoctorGrain>(second).ReportHospitalAsync(s.HospitalId, "late");
        Assert.Equal(after, (await sm.DecideReportAsync(dismissed.ReportId, uphold: false)).Credit);
        Assert.Equal(ReportStatus.Dismissed, (await sm.GetReportsAsync(null)).Single(r => r.ReportId == dismissed.ReportId).Status);
    }

    [Theory]
    [InlineData("R50.9", "R50.9", true)]
    [InlineData("R50.9", "R05", false)]
    public async Task HardenedMatchingThroughTheRelay(string symptomA, string symptomB, bool agree)
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        string sid = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        IMatchingGrain relay = fixture.Cluster.GrainFactory.GetGrain<IMatchingGrain>(sid);
        Assert.True(await relay.OpenAsync("alice", "bob"));
        byte[] sidBytes = Convert.FromHexString(sid);
        using var alice = new HardenedMatching(s.Parameters, true, sidBytes, "alice"u8.ToArray(), "bob"u8.ToArray(), symptomA);
        using var bob = new HardenedMatching(s.Parameters, false, sidBytes, "bob"u8.ToArray(), "alice"u8.ToArray(), symptomB);
        await relay.PostAsync("alice", 1, alice.Share);
        await relay.PostAsync("bob", 1, bob.Share);
        byte[] aliceMac = alice.Confirm((await relay.ReadAsync("alice", 0))[0].Payload);
        byte[] bobMac = bob.Confirm((await relay.ReadAsync("bob", 0))[0].Payload);
        await relay.PostAsync("alice", 2, aliceMac);
        await relay.PostAsync("bob", 2, bobMac);
        Assert.Equal(agree, alice.Finish((await relay.ReadAsync("alice", 1))[0].Payload));
        Assert.Equal(agree, bob.Finish((await relay.ReadAsync("bob", 1))[0].Payload));
        if (agree)
        {
            Assert.Equal(alice.SessionKey, bob.SessionKey);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => relay.PostAsync("mallory", 1, [1]));
    }

    [Fact]
    public async Task OnePartyCannotFillTheSessionsSlots()
    {
        IMatchingGrain relay = fixture.Cluster.GrainFactory.GetGrain<IMatchingGrain>(Guid.NewGuid().ToString("N"));
        Assert.True(await relay.OpenAsync("alice", "bob"));
        for (int i = 0; i < 8; i++)
        {
            await relay.PostAsync("alice", 1, [(byte)i]);
        }
        RefusalException full = await Assert.ThrowsAsync<RefusalException>(() => relay.PostAsync("alice", 1, [9]));
        Assert.Equal(Refusal.Conflict, full.Kind);
        // The other party's half is still free.
        await relay.PostAsync("bob", 1, [1]);
        Assert.Single(await relay.ReadAsync("alice", 0));
    }

    [Fact]
    public async Task PaperMatchingThroughTheRelay()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        IMatchingGrain relay = fixture.Cluster.GrainFactory.GetGrain<IMatchingGrain>(Guid.NewGuid().ToString("N"));
        Assert.True(await relay.OpenAsync("alice", "bob"));
        using var alice = new PaperMatching(s.Parameters, true, "alice"u8.ToArray(), "bob"u8.ToArray(), "J45.909");
        using var bob = new PaperMatching(s.Parameters, false, "bob"u8.ToArray(), "alice"u8.ToArray(), "J45.909");
        await relay.PostAsync("alice", 2, alice.InitiatorOffer());
        await relay.PostAsync("bob", 2, bob.ResponderAnswer((await relay.ReadAsync("bob", 0))[0].Payload));
        await relay.PostAsync("alice", 3, alice.InitiatorMac((await relay.ReadAsync("alice", 0))[0].Payload));
        await relay.PostAsync("bob", 3, bob.ResponderMac((await relay.ReadAsync("bob", 1))[0].Payload)!);
        await relay.PostAsync("alice", 4, alice.InitiatorSendKey((await relay.ReadAsync("alice", 1))[0].Payload)!);
        Assert.True(bob.ResponderReceiveKey((await relay.ReadAsync("bob", 2))[0].Payload));
        Assert.Equal(alice.SessionKey, bob.SessionKey);
    }
}
