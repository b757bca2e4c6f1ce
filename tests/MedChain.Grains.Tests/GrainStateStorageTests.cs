using MedChain.Testing;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MedChain.Grains.Tests;

/// <summary>
/// The grains' state storage as the silo has it (authenticated states over Orleans' Azure Blob
/// provider, on Azurite): round trips, create-only first writes, ETag conflicts, clearing, the MAC,
/// and the move of states from the earlier format.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStateStorageTests(ClusterFixture fixture)
{
    public sealed class Counter
    {
        public int Value { get; set; }

        public List<string> Names { get; set; } = [];
    }

    private IServiceProvider Silo => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    private AuthenticatedGrainStorage Storage => MedChainGrainServices.CreateStateStorage(Silo);

    private IGrainStorage Blobs => Silo.GetRequiredKeyedService<IGrainStorage>(MedChainGrainServices.BlobProvider);

    private static GrainId NewId() => GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Issue 11 §6: whoever can write to storage but does not hold the key cannot change a state,
    /// move one grain's state to another, or strip its MAC.
    /// </summary>
    [Fact]
    public async Task AStateChangedInStorageRefusesToLoad()
    {
        GrainId a = NewId(), b = NewId();
        await Storage.WriteStateAsync("count", a, new GrainState<Counter> { State = new Counter { Value = 1 } });
        await Storage.WriteStateAsync("count", b, new GrainState<Counter> { State = new Counter { Value = 2 } });
        BlobClient blobA = await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "count", a.ToString());
        BlobClient blobB = await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "count", b.ToString());

        // The content changed, the MAC kept.
        JsonNode envelope = JsonNode.Parse((await blobA.DownloadContentAsync()).Value.Content.ToString())!;
        envelope["State"] = """{"Value":1000,"Names":[]}""";
        await blobA.UploadAsync(BinaryData.FromString(envelope.ToJsonString()), overwrite: true);
        Assert.Contains("does not authenticate", (await Assert.ThrowsAsync<InvalidDataException>(() => Storage.ReadStateAsync("count", a, new GrainState<Counter>()))).Message);
        // Another grain's state and MAC, copied over.
        await blobA.UploadAsync((await blobB.DownloadContentAsync()).Value.Content, overwrite: true);
        await Assert.ThrowsAsync<InvalidDataException>(() => Storage.ReadStateAsync("count", a, new GrainState<Counter>()));
        // The MAC stripped: refused, and named as such.
        await blobA.UploadAsync(BinaryData.FromString("""{"State":"{\"Value\":7,\"Names\":[]}","Mac":""}"""), overwrite: true);
        Assert.Contains("carries no authentication", (await Assert.ThrowsAsync<InvalidDataException>(() => Storage.ReadStateAsync("count", a, new GrainState<Counter>()))).Message);
        // Under another key nothing authenticates.
        var stranger = new AuthenticatedGrainStorage(Blobs, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await Assert.ThrowsAsync<InvalidDataException>(() => stranger.ReadStateAsync("count", b, new GrainState<Counter>()));
        var intact = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", b, intact);
        Assert.Equal(2, intact.State!.Value);
    }

    [Fact]
    public async Task StateRoundTripsAndMissingStateIsEmpty()
    {
        GrainId id = NewId();
        var state = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Value);

        state.State = new Counter { Value = 42, Names = ["x", "y"] };
        await Storage.WriteStateAsync("count", id, state);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);

        var again = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, again);
        Assert.True(again.RecordExists);
        Assert.Equal(42, again.State!.Value);
        Assert.Equal(["x", "y"], again.State!.Names);
        Assert.Equal(state.ETag, again.ETag);
    }

    [Fact]
    public async Task StaleWritersGetInconsistentState()
    {
        GrainId id = NewId();
        var first = new GrainState<Counter>();
        var second = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, first);
        await Storage.ReadStateAsync("count", id, second);

        first.State!.Value = 1;
        await Storage.WriteStateAsync("count", id, first);
        // The second activation still believes no record exists: its create-only write must fail.
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("count", id, second));

        await Storage.ReadStateAsync("count", id, second);
        first.State!.Value = 3;
        await Storage.WriteStateAsync("count", id, first);
        second.State!.Value = 4;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("count", id, second));

        var check = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, check);
        Assert.Equal(3, check.State!.Value);
    }

    [Fact]
    public async Task ClearRemovesTheStateAndHonoursTheETag()
    {
        GrainId id = NewId();
        var state = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, state);
        state.State!.Value = 7;
        await Storage.WriteStateAsync("count", id, state);
        var stale = new GrainState<Counter> { ETag = state.ETag, RecordExists = true };
        state.State!.Value = 8;
        await Storage.WriteStateAsync("count", id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("count", id, stale));

        await Storage.ClearStateAsync("count", id, state);
        Assert.False(state.RecordExists);
        var after = new GrainState<Counter>();
        await Storage.ReadStateAsync("count", id, after);
        Assert.False(after.RecordExists);
    }

    /// <summary>
    /// States of the earlier format move over once: an authenticated one and one written before states
    /// had MACs arrive readable, a tampered one stops the move naming it, a second run finds nothing.
    /// </summary>
    [Fact]
    public async Task StatesOfTheEarlierFormatMoveOnceAndATamperedOneStopsTheMove()
    {
        string earlierService = "earlier-" + Guid.NewGuid().ToString("N")[..8];
        var old = new BlobContainerClient(fixture.StorageConnectionString, EarlierStateFormat.ContainerName);
        await old.CreateIfNotExistsAsync();
        GrainId signed = NewId(), unsigned = NewId(), tampered = NewId();
        async Task PutAsync(GrainId id, string json, string? mac)
        {
            var metadata = mac is null ? null : new Dictionary<string, string> { ["medchainmac"] = mac };
            await old.GetBlobClient($"{earlierService}/count/{Uri.EscapeDataString(id.ToString())}")
                .UploadAsync(BinaryData.FromString(json), new BlobUploadOptions { Metadata = metadata });
        }
        // The earlier format's MAC is the same construction over the same JSON.
        await PutAsync(signed, """{"Value":1,"Names":["a"]}""", Storage.Seal("count", signed.ToString(), """{"Value":1,"Names":["a"]}""").Mac);
        await PutAsync(unsigned, """{"Value":2,"Names":[]}""", null);
        var earlier = new EarlierStateFormat(fixture.StorageConnectionString, earlierService);
        Assert.True(await earlier.AnyAsync());
        Assert.Equal(2, await earlier.MoveAsync(Blobs, Storage));
        Assert.False(await earlier.AnyAsync());
        foreach ((GrainId id, int value) in new[] { (signed, 1), (unsigned, 2) })
        {
            var moved = new GrainState<Counter>();
            await Storage.ReadStateAsync("count", id, moved);
            Assert.Equal(value, moved.State!.Value);
        }

        await PutAsync(tampered, """{"Value":1000,"Names":[]}""", Storage.Seal("count", tampered.ToString(), """{"Value":3,"Names":[]}""").Mac);
        InvalidDataException refused = await Assert.ThrowsAsync<InvalidDataException>(() => earlier.MoveAsync(Blobs, Storage));
        Assert.Contains(tampered.ToString(), refused.Message);
        var notMoved = new GrainState<AuthenticatedState>();
        await Blobs.ReadStateAsync("count", tampered, notMoved);
        Assert.False(notMoved.RecordExists);
    }
}
