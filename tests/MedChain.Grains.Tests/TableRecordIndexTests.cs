using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableRecordIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordsAreFoundByIdAndByPatientInChainOrder()
    {
        var index = new TableRecordIndex(azurite.ConnectionString, "medchainindex", "tests-" + Guid.NewGuid().ToString("N"));
        Assert.Empty(await index.AddBlockAsync("h/1", 1, [("BB", "patient a"), ("CC", "patient-b")], replace: false));
        Assert.Empty(await index.AddBlockAsync("h/1", 0, [("AA", "patient a")], replace: false));
        Assert.Empty(await index.AddBlockAsync("h/1", 0, [("AA", "patient a")], replace: true));
        Assert.Empty(await index.AddBlockAsync("h-2", 0, [("DD", "patient a")], replace: false));

        Assert.Equal((1L, 1), await index.FindAsync("h/1", "cc"));
        Assert.Null(await index.FindAsync("h/1", "DD"));
        Assert.Equal([(0L, 0), (1L, 0)], await index.ListPatientAsync("h/1", "patient a"));
        Assert.Equal([(1L, 1)], await index.ListPatientAsync("h/1", "patient-b"));
        Assert.Empty(await index.ListPatientAsync("h/1", "patient"));
        Assert.Equal([(0L, 0)], await index.ListPatientAsync("h-2", "patient a"));

        // A block larger than one transaction (100 rows) is indexed whole.
        List<(string, string)> big = [.. Enumerable.Range(0, 120).Select(i => ($"{i:X4}", i % 2 == 0 ? "even" : "odd"))];
        Assert.Empty(await index.AddBlockAsync("h-3", 7, big, replace: false));
        Assert.Equal(60, (await index.ListPatientAsync("h-3", "even")).Count);
        Assert.Equal((7L, 119), await index.FindAsync("h-3", "0077"));
    }

    [Fact]
    public async Task AnInsertOnlyBlockNamesTheRecordsIndexedBeforeAndWritesNone()
    {
        var index = new TableRecordIndex(azurite.ConnectionString, "medchainindex", "tests-" + Guid.NewGuid().ToString("N"));
        Assert.Empty(await index.AddBlockAsync("h", 0, [("AA", "p"), ("BB", "q")], replace: false));

        // BB is already at (0, 1): the block at height 1 is refused whole and says so.
        IReadOnlyDictionary<string, (long Height, int Index)> held = await index.AddBlockAsync("h", 1, [("CC", "p"), ("BB", "q"), ("DD", "r")], replace: false);
        Assert.Equal(new Dictionary<string, (long, int)> { ["BB"] = (0, 1) }, held);
        Assert.Null(await index.FindAsync("h", "CC"));
        Assert.Equal([(0L, 0)], await index.ListPatientAsync("h", "p"));
        Assert.Empty(await index.ListPatientAsync("h", "r"));

        // Replacing writes every row, moving BB.
        Assert.Empty(await index.AddBlockAsync("h", 1, [("CC", "p"), ("BB", "q"), ("DD", "r")], replace: true));
        Assert.Equal((1L, 1), await index.FindAsync("h", "BB"));
        Assert.Equal([(1L, 2)], await index.ListPatientAsync("h", "r"));
    }
}
