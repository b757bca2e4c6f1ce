using System.Text;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Tests.Security;

/// <summary>Issue 11 §7: a doctor his hospital expelled (his signed invalid records) can no longer log in, read shares or file reports.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExpelledDoctorTests(ApiFixture stack)
{
    [Fact]
    public async Task AnExpelledDoctorIsRefusedAtLoginShareAndReport()
    {
        World w = await stack.SharedWorldAsync();
        string h1 = w.Ids["hospital"];
        using SecretKey key = SecretKey.Generate(w.Parameters);
        var device = new DoctorDevice(w.Parameters, key);
        string doctorId = device.DoctorId;
        await w.Clients["hospital"].RegisterDoctorAsync(doctorId, key.PublicKey, device.Enrollment(h1));
        MedChainClient doctor = MedChainClient.Create(stack.BaseAddress);
        await doctor.LoginAsync("doctor", doctorId, key);
        (GrantConsentRequest consent, ShareRequest ticket) = w.ConsentFor(doctorId, "c-" + Guid.NewGuid().ToString("N")[..8], key.PublicKey);
        await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
        Assert.Equal(10, (await doctor.ShareAsync(ticket)).Records.Length);

        // Records he signed with evidence the hospital never issued: each costs him credit, down to expulsion.
        CreditPolicy policy = CreditPolicy.Default;
        int strikes = (policy.Initial - policy.ExpulsionThreshold + policy.InvalidRecordPenalty - 1) / policy.InvalidRecordPenalty;
        for (int i = 0; i < strikes; i++)
        {
            BroadcastRecordRequest bad = device.Encrypt(w.Ids["patient"], w.Keys["patient"].PublicKey, [9, 9, 9], w.H1, World.Symptom, Encoding.UTF8.GetBytes($"bad {i}"));
            Assert.Equal(422, (await Assert.ThrowsAsync<MedChainApiException>(() => doctor.BroadcastAsync(doctorId, bad))).Status);
        }
        Assert.True((await doctor.GetDoctorAsync(doctorId)).Expelled);

        MedChainApiException login = await Assert.ThrowsAsync<MedChainApiException>(() => MedChainClient.Create(stack.BaseAddress).LoginAsync("doctor", doctorId, key));
        Assert.Equal(403, login.Status);
        MedChainApiException share = await Assert.ThrowsAsync<MedChainApiException>(() => doctor.ShareAsync(ticket));
        Assert.Equal(403, share.Status);
        Assert.Contains("expelled", share.Detail);
        MedChainApiException report = await Assert.ThrowsAsync<MedChainApiException>(() => doctor.ReportAsync(doctorId, h1, "revenge"));
        Assert.Equal(403, report.Status);
    }
}
