using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

/// <summary>Blocks are written once: the same bytes again are accepted, different bytes refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobBlockStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BlocksAreCreateOnly()
    {
        var store = new BlobBlockStore(azurite.ConnectionString, "medchain-blocks", "tests-" + Guid.NewGuid().ToString("N"));
        Assert.Null(await store.ReadAsync("hospital-a", 0));
        await store.WriteAsync("hospital-a", 0, new byte[] { 1, 2, 3 });
        await store.WriteAsync("hospital-a", 0, new byte[] { 1, 2, 3 });
        BlockConflictException e = await Assert.ThrowsAsync<BlockConflictException>(() => store.WriteAsync("hospital-a", 0, new byte[] { 9 }));
        Assert.Equal(0, e.Height);
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.ReadAsync("hospital-a", 0));
        await store.WriteAsync("hospital-b", 0, new byte[] { 4 });
        Assert.Equal(new byte[] { 4 }, await store.ReadAsync("hospital-b", 0));
    }
}
