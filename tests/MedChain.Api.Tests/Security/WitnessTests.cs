using Azure.Storage.Blobs;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedChain.Api.Tests.Security;

/// <summary>
/// Issue 11 §6, signed checkpoints and witnesses: whoever can write to storage sets a patient's
/// access log back (its state is authentic, only old) and later appends write over the hidden
/// entries; truncates a hospital's chain. The grains' own audits cannot tell, as they trust their
/// state; a witness that stored earlier checkpoints reports each, naming the log and what changed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WitnessTests(ApiFixture stack)
{
    [Fact]
    public async Task AWitnessReportsALogSetBackOrRewrittenAndAChainTruncated()
    {
        World w = await World.CreateAsync(stack);
        string patientId = w.Ids["patient"], h1 = w.Ids["hospital"];
        using SecretKey witnessKey = SecretKey.Generate(w.Parameters);
        await w.Clients["sm-admin"].RegisterWitnessAsync("witness-" + Guid.NewGuid().ToString("N")[..8], witnessKey.PublicKey);
        string name = (await w.Clients["sm-admin"].GetWitnessesAsync()).Single(x => x.PublicKey == Convert.ToBase64String(witnessKey.PublicKey.Encode())).Name;
        string folder = Directory.CreateTempSubdirectory("medchain-witness-").FullName;
        var witness = new Witness(MedChainClient.Create(stack.BaseAddress), w.Parameters, name, witnessKey, folder);
        using IHost client = await stack.ConnectClusterClientAsync();
        IManagementGrain management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

        // The patient's log: one share of his ten records; both logs witnessed.
        await ShareAsync(w, "c1");
        WitnessReport first = await witness.RunOnceAsync();
        Assert.Empty(first.Problems);
        AccessLogPage log = await w.Clients["patient"].GetPatientAccessLogAsync(patientId);
        Assert.Equal(10, log.Witnessed!.Size);
        Assert.Contains(name, log.Witnessed.Witnesses);
        Assert.Equal(1, (await w.Clients["hospital"].AuditAsync(h1)).Witnessed!.Size);
        string accessOrigin = log.Witnessed.Note.Split('\n')[0];
        string chainOrigin = (await w.Clients["hospital"].AuditAsync(h1)).Witnessed!.Note.Split('\n')[0];

        // Its state after ten entries, authentic; ten more entries, witnessed too.
        BlobClient logState = await GrainStateBlobs.FindAsync(stack.StorageConnectionString, stack.ServiceId, "access-log", "accesslog/" + patientId);
        BinaryData tenEntries = (await logState.DownloadContentAsync()).Value.Content;
        await ShareAsync(w, "c2");
        Assert.Empty((await witness.RunOnceAsync()).Problems);
        Assert.Equal(20, (await w.Clients["patient"].GetPatientAccessLogAsync(patientId)).Witnessed!.Size);

        // Attack 1: the log's state set back to ten entries. Its own audit trusts the state and says intact.
        await logState.UploadAsync(tenEntries, overwrite: true);
        await management.ForceActivationCollection(TimeSpan.Zero);
        AccessLogPage setBack = await w.Clients["patient"].GetPatientAccessLogAsync(patientId);
        Assert.Equal((10L, (long?)null), (setBack.Count, setBack.FirstBroken));
        WitnessReport truncated = await witness.RunOnceAsync();
        WitnessProblem problem = Assert.Single(truncated.Problems);
        Assert.Equal(accessOrigin, problem.Origin);
        Assert.Contains("truncated: size 10, smaller than the 20 entries witnessed", problem.Problem);

        // Attack 2: ten new entries written over the hidden ones: the size is back, the log is another.
        await ShareAsync(w, "c3");
        WitnessReport rewritten = await witness.RunOnceAsync();
        problem = Assert.Single(rewritten.Problems);
        Assert.Equal(accessOrigin, problem.Origin);
        Assert.Contains("rewritten: another root at the witnessed size 20", problem.Problem);
        // The witness kept what it saw, and the cluster still reports the last checkpoint a witness cosigned.
        Assert.Equal(20, (await w.Clients["patient"].GetPatientAccessLogAsync(patientId)).Witnessed!.Size);

        // Attack 3: the chain truncated: the hospital's state set back to block 0 and block 1 deleted.
        BlobClient hospitalState = await GrainStateBlobs.FindAsync(stack.StorageConnectionString, stack.ServiceId, "hospital", "hospital/" + h1);
        BinaryData oneBlock = (await hospitalState.DownloadContentAsync()).Value.Content;
        for (int i = 0; i < 10; i++)
        {
            await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], w.Record($"later {i}"));
        }
        await World.Eventually(async () => (await w.Clients["hospital"].GetHeadAsync(h1)).Height >= 1);
        Assert.Equal([accessOrigin], (await witness.RunOnceAsync()).Problems.Select(p => p.Origin));
        Assert.Equal(2, (await w.Clients["hospital"].AuditAsync(h1)).Witnessed!.Size);
        await hospitalState.UploadAsync(oneBlock, overwrite: true);
        var blocks = new BlobContainerClient(stack.StorageConnectionString, "medchain-blocks");
        await blocks.GetBlobClient($"{stack.ServiceId}/{Uri.EscapeDataString(h1)}/{1:D12}").DeleteAsync();
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, (await w.Clients["hospital"].GetHeadAsync(h1)).Height);
        WitnessReport chain = await witness.RunOnceAsync();
        // The rewritten log is still reported (the witness keeps what it saw); the chain now too.
        Assert.Equal(new[] { accessOrigin, chainOrigin }.Order(StringComparer.Ordinal), chain.Problems.Select(p => p.Origin).Order(StringComparer.Ordinal));
        Assert.Contains("truncated: size 1, smaller than the 2 entries witnessed", chain.Problems.Single(p => p.Origin == chainOrigin).Problem);
    }

    /// <summary>A note the cluster did not sign, or cosigned by no registered witness, is refused.</summary>
    [Fact]
    public async Task CosignaturesCountOnlyOnTheClustersCheckpointsAndFromRegisteredWitnesses()
    {
        World w = await stack.SharedWorldAsync();
        MedChainClient anonymous = MedChainClient.Create(stack.BaseAddress);
        string note = (await anonymous.GetCheckpointsAsync()).Checkpoints.First(n => n.Contains("/chain/" + w.Ids["hospital"], StringComparison.Ordinal));
        Assert.True(Protocol.Checkpoints.SignedNote.TryParse(note, out var signed));
        using SecretKey stranger = SecretKey.Generate(w.Parameters);
        var byStranger = new Protocol.Checkpoints.SignedNote(signed!.Checkpoint, [.. signed.Signatures,
            ("stranger", Protocol.Checkpoints.SignedNote.Sign(stranger, Protocol.Signatures.SignaturePurpose.Cosignature, signed.Checkpoint))]);
        MedChainApiException refused = await Assert.ThrowsAsync<MedChainApiException>(() => anonymous.PostCosignatureAsync(byStranger.Text()));
        Assert.Equal(422, refused.Status);
        Assert.Contains("registered witness", refused.Detail);

        // A checkpoint the cluster never signed (a bigger size), cosigned by a registered witness.
        using SecretKey witnessKey = SecretKey.Generate(w.Parameters);
        string name = "witness-" + Guid.NewGuid().ToString("N")[..8];
        await w.Clients["sm-admin"].RegisterWitnessAsync(name, witnessKey.PublicKey);
        var forged = signed.Checkpoint with { Size = signed.Checkpoint.Size + 5 };
        var forgedNote = new Protocol.Checkpoints.SignedNote(forged, [.. signed.Signatures,
            (name, Protocol.Checkpoints.SignedNote.Sign(witnessKey, Protocol.Signatures.SignaturePurpose.Cosignature, forged))]);
        refused = await Assert.ThrowsAsync<MedChainApiException>(() => anonymous.PostCosignatureAsync(forgedNote.Text()));
        Assert.Contains("system manager", refused.Detail);
    }

    private static async Task ShareAsync(World w, string consentPrefix)
    {
        (GrantConsentRequest consent, ShareRequest ticket) = w.ConsentFor("doctor-other", consentPrefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
        Assert.Equal(10, (await w.Clients["doctor-other"].ShareAsync(ticket)).Records.Length);
    }
}
