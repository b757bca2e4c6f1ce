using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobRecordIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordsAreFoundByIdAndByPatientInChainOrder()
    {
        var index = new BlobRecordIndex(azurite.ConnectionString, "medchain-index", "tests-" + Guid.NewGuid().ToString("N"));
        await index.AddBlockAsync("h/1", 1, [("BB", "patient a"), ("CC", "patient-b")]);
        await index.AddBlockAsync("h/1", 0, [("AA", "patient a")]);
        await index.AddBlockAsync("h/1", 0, [("AA", "patient a")]);
        await index.AddBlockAsync("h-2", 0, [("DD", "patient a")]);

        Assert.Equal((1L, 1), await index.FindAsync("h/1", "cc"));
        Assert.Null(await index.FindAsync("h/1", "DD"));
        Assert.Equal([(0L, 0), (1L, 0)], await index.ListPatientAsync("h/1", "patient a"));
        Assert.Equal([(1L, 1)], await index.ListPatientAsync("h/1", "patient-b"));
        Assert.Empty(await index.ListPatientAsync("h/1", "patient"));
        Assert.Equal([(0L, 0)], await index.ListPatientAsync("h-2", "patient a"));
    }
}
