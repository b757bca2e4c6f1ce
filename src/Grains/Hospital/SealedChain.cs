using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Storage;
using MedChain.Protocol.Ledger;

namespace MedChain.Grains.Hospital;

/// <summary>
/// Reads of a hospital's sealed chain, up to its head: blocks from the block store and record
/// places from the record index, each place checked against its block (index rows are written
/// before their block and head, so a row may point above the head or past a block's end).
/// </summary>
internal sealed class SealedChain(string chain, IBlockStore blocks, IRecordIndex index, Func<long> headHeight)
{
    /// <summary>The chain's name in the stores (the hospital's id).</summary>
    public string Chain => chain;

    /// <summary>The encoded block at a height, or null.</summary>
    public Task<byte[]?> ReadAsync(long height) => blocks.ReadAsync(chain, height);

    /// <summary>A block of the sealed chain, read once per <paramref name="read"/>; missing or undecodable is an error.</summary>
    public async Task<Block> BlockAsync(long height, Dictionary<long, Block> read)
    {
        if (!read.TryGetValue(height, out Block? block))
        {
            byte[] bytes = await blocks.ReadAsync(chain, height) ?? throw new InvalidOperationException($"Block {height} of {chain} is missing.");
            read[height] = block = Block.TryDecode(bytes, out Block? b) ? b! : throw new InvalidOperationException($"Block {height} of {chain} does not decode.");
        }
        return block;
    }

    /// <summary>Of records and the places their index rows give, those the sealed chain holds there.</summary>
    public async Task<HashSet<string>> OnChainAsync(IEnumerable<KeyValuePair<string, RecordPlace>> places)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var read = new Dictionary<long, Block>();
        long head = headHeight();
        foreach ((string recordId, RecordPlace place) in places)
        {
            if (place.Height < 0 || place.Height > head)
            {
                continue;
            }
            Block block = await BlockAsync(place.Height, read);
            if (place.Index >= 0 && place.Index < block.Records.Count
                && string.Equals(block.Records[place.Index].RecordId(), recordId, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(recordId);
            }
        }
        return found;
    }

    /// <summary>Where a record is on the sealed chain, checked against its block; null when it is not on it.</summary>
    public async Task<RecordPlace?> LocateAsync(string recordId) =>
        await index.FindAsync(chain, recordId) is { } place && (await OnChainAsync([new(recordId, place)])).Count == 1 ? place : null;

    /// <summary>The sealed record at a place found by <see cref="LocateAsync"/>.</summary>
    public async Task<LedgerRecord> RecordAtAsync(RecordPlace place) => (await BlockAsync(place.Height, [])).Records[place.Index];

    /// <summary>A patient's sealed records (by his pseudonym in storage), in chain order.</summary>
    public async Task<List<LedgerRecord>> PatientRecordsAsync(string patientPseudonym)
    {
        var records = new List<LedgerRecord>();
        var read = new Dictionary<long, Block>();
        long head = headHeight();
        foreach (RecordPlace place in await index.ListPatientAsync(chain, patientPseudonym))
        {
            if (place.Height > head)
            {
                continue; // written by a seal whose block is not on the chain yet (or not until adopted after a crash)
            }
            Block block = await BlockAsync(place.Height, read);
            if (place.Index >= block.Records.Count)
            {
                continue; // a row past the block's end (left by a seal that failed before its head): not a record
            }
            records.Add(block.Records[place.Index]);
        }
        return records;
    }
}
