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

    private BlobGrainStorage Storage() => new(new BlobGrainStorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        ServiceId = "tests-" + Guid.NewGuid().ToString("N"),
    });

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
