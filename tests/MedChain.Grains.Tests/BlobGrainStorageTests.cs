using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

/// <summary>The grain storage provider against Azurite: round trips, create-only first writes, ETag conflicts, clearing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobGrainStorageTests(AzuriteFixture azurite)
{
    public sealed class Counter
    {
        public int Value { get; set; }

        public List<string> Names { get; set; } = [];
    }

    private BlobGrainStorage Storage(string? serviceId = null, byte[]? key = null) => new(new BlobGrainStorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        ServiceId = serviceId ?? "tests-" + Guid.NewGuid().ToString("N"),
        AuthenticationKey = key ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
    });

    /// <summary>
    /// Issue 11 §6: whoever can write to storage but does not hold the key cannot change a state,
    /// move one grain's state to another, or strip its MAC; the one-time adoption gives unauthenticated states one.
    /// </summary>
    [Fact]
    public async Task AStateChangedInStorageRefusesToLoad()
    {
        string service = "tests-" + Guid.NewGuid().ToString("N");
        byte[] key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        BlobGrainStorage storage = Storage(service, key);
        GrainId a = GrainId.Create("counter", "a"), b = GrainId.Create("counter", "b");
        await storage.WriteStateAsync("count", a, new GrainState<Counter> { State = new Counter { Value = 1 } });
        await storage.WriteStateAsync("count", b, new GrainState<Counter> { State = new Counter { Value = 2 } });
        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, "medchain-grain-state");
        Azure.Storage.Blobs.BlobClient blobA = container.GetBlobClient($"{service}/count/{Uri.EscapeDataString(a.ToString())}");
        Azure.Storage.Blobs.BlobClient blobB = container.GetBlobClient($"{service}/count/{Uri.EscapeDataString(b.ToString())}");
        var original = (await blobA.DownloadContentAsync()).Value;

        // The content changed, the MAC kept.
        await blobA.UploadAsync(BinaryData.FromString("""{"Value":1000,"Names":[]}"""), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = original.Details.Metadata });
        Assert.Contains("does not authenticate", (await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("count", a, new GrainState<Counter>()))).Message);
        // Another grain's state and MAC, copied over.
        var fromB = (await blobB.DownloadContentAsync()).Value;
        await blobA.UploadAsync(fromB.Content, new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = fromB.Details.Metadata });
        await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("count", a, new GrainState<Counter>()));
        // The MAC stripped: refused, and named as such.
        await blobA.UploadAsync(BinaryData.FromString("""{"Value":7,"Names":[]}"""), overwrite: true);
        Assert.Contains("carries no authentication", (await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("count", a, new GrainState<Counter>()))).Message);
        // The one-time adoption (an operator's decision) authenticates what is there, and only states without a MAC.
        Assert.Equal(1, await storage.AuthenticateStoredStatesAsync());
        var adopted = new GrainState<Counter>();
        await storage.ReadStateAsync("count", a, adopted);
        Assert.Equal(7, adopted.State!.Value);
        Assert.Equal(0, await storage.AuthenticateStoredStatesAsync());
        // Under another key nothing authenticates.
        await Assert.ThrowsAsync<InvalidDataException>(() => Storage(service).ReadStateAsync("count", b, new GrainState<Counter>()));
    }

    [Fact]
    public async Task StateRoundTripsAndMissingStateIsEmpty()
    {
        BlobGrainStorage storage = Storage();
        GrainId id = GrainId.Create("counter", "a");
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Value);

        state.State = new Counter { Value = 42, Names = ["x", "y"] };
        await storage.WriteStateAsync("count", id, state);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);

        var again = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, again);
        Assert.True(again.RecordExists);
        Assert.Equal(42, again.State!.Value);
        Assert.Equal(["x", "y"], again.State!.Names);
        Assert.Equal(state.ETag, again.ETag);
    }

    [Fact]
    public async Task StaleWritersGetInconsistentState()
    {
        BlobGrainStorage storage = Storage();
        GrainId id = GrainId.Create("counter", "b");
        var first = new GrainState<Counter>();
        var second = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, first);
        await storage.ReadStateAsync("count", id, second);

        first.State!.Value = 1;
        await storage.WriteStateAsync("count", id, first);
        // The second activation still believes no record exists: its create-only write must fail.
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("count", id, second));

        await storage.ReadStateAsync("count", id, second);
        first.State!.Value = 3;
        await storage.WriteStateAsync("count", id, first);
        second.State!.Value = 4;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("count", id, second));

        var check = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, check);
        Assert.Equal(3, check.State!.Value);
    }

    [Fact]
    public async Task ClearRemovesTheStateAndHonoursTheETag()
    {
        BlobGrainStorage storage = Storage();
        GrainId id = GrainId.Create("counter", "c");
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, state);
        state.State!.Value = 7;
        await storage.WriteStateAsync("count", id, state);
        var stale = new GrainState<Counter> { ETag = state.ETag, RecordExists = true };
        state.State!.Value = 8;
        await storage.WriteStateAsync("count", id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("count", id, stale));

        await storage.ClearStateAsync("count", id, state);
        Assert.False(state.RecordExists);
        var after = new GrainState<Counter>();
        await storage.ReadStateAsync("count", id, after);
        Assert.False(after.RecordExists);
    }
}
