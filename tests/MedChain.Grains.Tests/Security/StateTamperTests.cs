using MedChain.Testing;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Tests.Security;

/// <summary>
/// Issue 11 §6, the attack on state: someone who can write to storage replaces a patient's public
/// key with his own in the patient grain's state blob (keeping its MAC), to log in as the patient.
/// The state no longer authenticates, and the grain refuses to load it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StateTamperTests(ClusterFixture fixture)
{
    [Fact]
    public async Task APatientKeyRewrittenInStorageIsRefused()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        IPatientGrain patient = fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(s.PatientId);
        Assert.Equal(s.Patient.PublicKey.Encode(), await patient.GetPublicKeyAsync());
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(500);

        BlobClient blob = await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "patient", "patient/" + s.PatientId);
        BlobDownloadResult stored = (await blob.DownloadContentAsync()).Value;
        JsonNode envelope = JsonNode.Parse(stored.Content.ToString())!;
        JsonNode state = JsonNode.Parse(envelope["State"]!.GetValue<string>())!;
        using SecretKey attacker = SecretKey.Generate(s.Parameters);
        state["PublicKey"] = Convert.ToBase64String(attacker.PublicKey.Encode());
        // The state rewritten, its MAC kept.
        envelope["State"] = state.ToJsonString();
        await blob.UploadAsync(BinaryData.FromString(envelope.ToJsonString()), overwrite: true);

        Exception refused = await Assert.ThrowsAnyAsync<Exception>(() => patient.GetPublicKeyAsync());
        Assert.Contains("does not authenticate", refused.ToString());
    }
}
