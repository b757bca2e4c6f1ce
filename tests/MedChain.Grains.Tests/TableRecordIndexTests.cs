using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableRecordIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordsAreFoundByIdAndByPatientInChainOrder()
    {
        var index = new TableRecordIndex(azurite.ConnectionString, "medchainindex", "tests-" + Guid.NewGuid().ToString("N"));
        Assert.Empty(await index.InsertBlockAsync("h/1", 1, [("BB", "patient a"), ("CC", "patient-b")]));
        Assert.Empty(await index.InsertBlockAsync("h/1", 0, [("AA", "patient a")]));
        await index.RewriteBlockAsync("h/1", 0, [("AA", "patient a")]);
        Assert.Empty(await index.InsertBlockAsync("h-2", 0, [("DD", "patient a")]));

        Assert.Equal(new RecordPlace(1, 1), await index.FindAsync("h/1", "cc"));
        Assert.Null(await index.FindAsync("h/1", "DD"));
        Assert.Equal([new RecordPlace(0, 0), new RecordPlace(1, 0)], await index.ListPatientAsync("h/1", "patient a"));
        Assert.Equal([new RecordPlace(1, 1)], await index.ListPatientAsync("h/1", "patient-b"));
        Assert.Empty(await index.ListPatientAsync("h/1", "patient"));
        Assert.Equal([new RecordPlace(0, 0)], await index.ListPatientAsync("h-2", "patient a"));

        // A block larger than one transaction (100 rows) is indexed whole.
        List<(string, string)> big = [.. Enumerable.Range(0, 120).Select(i => ($"{i:X4}", i % 2 == 0 ? "even" : "odd"))];
        Assert.Empty(await index.InsertBlockAsync("h-3", 7, big));
        Assert.Equal(60, (await index.ListPatientAsync("h-3", "even")).Count);
        Assert.Equal(new RecordPlace(7, 119), await index.FindAsync("h-3", "0077"));
    }

    [Fact]
    public async Task AnInsertOnlyBlockNamesTheRecordsIndexedBeforeAndWritesNone()
    {
        var index = new TableRecordIndex(azurite.ConnectionString, "medchainindex", "tests-" + Guid.NewGuid().ToString("N"));
        Assert.Empty(await index.InsertBlockAsync("h", 0, [("AA", "p"), ("BB", "q")]));

        // BB is already at (0, 1): the block at height 1 is refused whole and says so.
        IReadOnlyDictionary<string, RecordPlace> held = await index.InsertBlockAsync("h", 1, [("CC", "p"), ("BB", "q"), ("DD", "r")]);
        Assert.Equal(new Dictionary<string, RecordPlace> { ["BB"] = new(0, 1) }, held);
        Assert.Null(await index.FindAsync("h", "CC"));
        Assert.Equal([new RecordPlace(0, 0)], await index.ListPatientAsync("h", "p"));
        Assert.Empty(await index.ListPatientAsync("h", "r"));

        // Replacing writes every row, moving BB.
        await index.RewriteBlockAsync("h", 1, [("CC", "p"), ("BB", "q"), ("DD", "r")]);
        Assert.Equal(new RecordPlace(1, 1), await index.FindAsync("h", "BB"));
        Assert.Equal([new RecordPlace(1, 2)], await index.ListPatientAsync("h", "r"));
    }
}
