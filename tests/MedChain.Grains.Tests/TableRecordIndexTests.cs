using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableRecordIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordsAreFoundByIdAndByPatientInChainOrder()
    {
        var index = new TableRecordIndex(azurite.ConnectionString, "medchainindex", "tests-" + Guid.NewGuid().ToString("N"));
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

        // A block larger than one transaction (100 rows) is indexed whole.
        List<(string, string)> big = [.. Enumerable.Range(0, 120).Select(i => ($"{i:X4}", i % 2 == 0 ? "even" : "odd"))];
        await index.AddBlockAsync("h-3", 7, big);
        Assert.Equal(60, (await index.ListPatientAsync("h-3", "even")).Count);
        Assert.Equal((7L, 119), await index.FindAsync("h-3", "0077"));
    }
}
