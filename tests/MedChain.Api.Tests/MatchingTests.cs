using MedChain.Client.Sdk;

namespace MedChain.Api.Tests;

/// <summary>The patients session through the API: only the session the two patients meant is run.</summary>
[Collection(ApiCollection.Name)]
public sealed class MatchingTests(ApiFixture stack)
{
    [Fact]
    public async Task APatientDoesNotRunASessionSomeoneElseOpenedInHisPeersName()
    {
        World w = await World.CreateAsync(stack);
        string session = "squat-" + Guid.NewGuid().ToString("N")[..12];
        // patient-other opens the session with "patient" before patient-third (the intended peer) could.
        await w.Clients["patient-other"].StartMatchingAsync(session, w.Ids["patient"]);

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            w.PatientDevice("patient").MatchAsync(w.Clients["patient"], session, w.Ids["patient-third"], initiator: false, World.Symptom));

        Assert.Contains("not", refused.Message);
        Assert.Empty(await w.Clients["patient-other"].ReadMatchingAsync(session));
    }

    [Fact]
    public async Task TwoPatientsWithTheSameSymptomAgreeAKeyAndTheRelayForgetsTheSession()
    {
        World w = await World.CreateAsync(stack);
        string session = "pair-" + Guid.NewGuid().ToString("N")[..12];
        await w.Clients["patient"].StartMatchingAsync(session, w.Ids["patient-other"]);

        byte[]?[] keys = await Task.WhenAll(
            w.PatientDevice("patient").MatchAsync(w.Clients["patient"], session, w.Ids["patient-other"], true, World.Symptom),
            w.PatientDevice("patient-other").MatchAsync(w.Clients["patient-other"], session, w.Ids["patient"], false, World.Symptom));

        Assert.NotNull(keys[0]);
        Assert.Equal(keys[0], keys[1]);
        Assert.Empty(await w.Clients["patient"].ReadMatchingAsync(session));
        MedChainApiException closed = await Assert.ThrowsAsync<MedChainApiException>(() => w.Clients["patient"].PostMatchingAsync(session, 3, [1]));
        Assert.Equal(409, closed.Status);
    }
}
