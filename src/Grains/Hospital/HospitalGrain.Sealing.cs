using MedChain.GrainInterfaces;
using MedChain.Grains.Ledger;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Microsoft.Extensions.Logging;

namespace MedChain.Grains.Hospital;

/// <summary>
/// Sealing: by the timer or the commit that fills a block, under the grain's lock. A block's
/// records are indexed first (insert-only, which finds a retry of a record already on the chain:
/// it is dropped from the pool, so the chain holds every record once), then the block object is
/// written (create-only); the head moves in memory and is written with the next state write.
/// After an activation (at the first timer tick) or a failed seal (at the next seal), the blocks
/// stored beyond the written head are adopted.
/// </summary>
public sealed partial class HospitalGrain
{
    private async Task OnTimerAsync()
    {
        if (time.GetUtcNow().ToUnixTimeMilliseconds() - _suspensionCheckedMs >= options.Value.BlockInterval.TotalMilliseconds)
        {
            await RefreshSuspensionAsync();
        }
        if (!ShouldSealNow() && !_headUnwritten && !_sealMayHaveStoredBlock)
        {
            return;
        }
        await _lock.WaitAsync();
        try
        {
            try
            {
                // Decide again: a commit may have sealed (and written) while this waited for the lock.
                if (ShouldSealNow())
                {
                    await SealLockedAsync(force: true);
                }
                else
                {
                    // After an activation: blocks a crash left beyond the written head are adopted now, not at the next seal.
                    await AdoptStoredBlocksLockedAsync();
                }
            }
            finally
            {
                await WriteHeadIfMovedAsync();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The block policy applied to the pending pool and the time since the last seal.</summary>
    private bool ShouldSealNow() =>
        new BlockPolicy(options.Value.BlockSize, options.Value.BlockInterval)
            .ShouldSeal(state.State.Pending.Count, time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(state.State.LastSealMs));

    /// <summary>Whether the pending pool makes a block: a full one, or any when forced.</summary>
    private bool MakesBlock(bool force) =>
        state.State.Pending.Count >= options.Value.BlockSize || (force && state.State.Pending.Count > 0);

    /// <summary>Seals full blocks (and, when forced, a last partial one). Caller holds the lock.</summary>
    private async Task SealLockedAsync(bool force)
    {
        try
        {
            await AdoptStoredBlocksLockedAsync();
            while (MakesBlock(force))
            {
                long height = state.State.Height + 1;
                if (await IndexNextBlockAsync(height, force) is not { } records)
                {
                    return;
                }
                (Block block, byte[] encoded) = await SealNewBlockAsync(records, height);
                // The block's records are the head of the pending pool.
                state.State.Pending.RemoveRange(0, block.Records.Count);
                MoveHead(block, encoded, time.GetUtcNow().ToUnixTimeMilliseconds());
            }
        }
        catch
        {
            // The block may be stored without its head: the next seal looks for it first.
            _sealMayHaveStoredBlock = true;
            throw;
        }
    }

    /// <summary>
    /// The stored block is what makes a seal durable: the head moves in memory and rides on the
    /// next state write (a commit's, the timer's, an explicit seal's); after a crash it is adopted.
    /// </summary>
    private void MoveHead(Block block, byte[] encoded, long sealedAtMs)
    {
        state.State.Height = block.Header.Height;
        state.State.HeadHeader = block.Header.Encode();
        state.State.LastSealMs = sealedAtMs;
        _headUnwritten = true;
        HandToReplicas(encoded);
    }

    /// <summary>
    /// After an activation or a failed seal: adopts the blocks stored beyond the head, one height
    /// after another, until a height holds none. Caller holds the lock.
    /// </summary>
    private async Task AdoptStoredBlocksLockedAsync()
    {
        while (_sealMayHaveStoredBlock)
        {
            long height = state.State.Height + 1;
            if (await StoredBlockAsync(height) is not (Block block, byte[] encoded))
            {
                _sealMayHaveStoredBlock = false;
                return;
            }
            var ids = block.Records.Select(r => r.RecordId()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            state.State.Pending.RemoveAll(r => ids.Contains(LedgerRecord.IdOf(r.Record)));
            MoveHead(block, encoded, block.Header.TimestampMs);
            logger.LogInformation("Hospital {Hospital} adopted block {Height}, stored before its head was written.", Id, height);
        }
    }

    /// <summary>
    /// Takes the next block's records from the head of the pending pool and indexes them at
    /// <paramref name="height"/>. A record the chain already holds (a retry of a sealed broadcast,
    /// acknowledged again) is dropped from the pool instead. Null when what is left makes no block.
    /// </summary>
    private async Task<List<LedgerRecord>?> IndexNextBlockAsync(long height, bool force)
    {
        while (MakesBlock(force))
        {
            List<PendingRecord> taken = state.State.Pending.Take(options.Value.BlockSize).ToList();
            List<(string RecordId, string PatientId)> entries = [.. taken.Select(r => (LedgerRecord.IdOf(r.Record), r.PatientId))];
            IReadOnlyDictionary<string, (long Height, int Index)> held = await index.AddBlockAsync(Id, height, entries, replace: false);
            if (held.Count == 0)
            {
                return [.. taken.Select(r => Decode(r.Record))];
            }
            HashSet<string> onChain = await OnChainAsync(held);
            if (onChain.Count == 0)
            {
                // Rows of these records at this height, left by a seal that did not finish: written again.
                await index.AddBlockAsync(Id, height, entries, replace: true);
                return [.. taken.Select(r => Decode(r.Record))];
            }
            List<PendingRecord> before = [.. state.State.Pending];
            state.State.Pending.RemoveAll(r => onChain.Contains(LedgerRecord.IdOf(r.Record)));
            try
            {
                await WriteStateAsync();
            }
            catch
            {
                // Memory stays what storage holds: a later block is built from the same pool.
                state.State.Pending.Clear();
                state.State.Pending.AddRange(before);
                throw;
            }
            RememberRetries(onChain);
            logger.LogInformation("Hospital {Hospital} dropped {Count} retried records already on its chain.", Id, onChain.Count);
        }
        return null;
    }

    /// <summary>
    /// Of records and the places their index rows give, those the sealed chain holds there (the
    /// block at that height has that record at that index). A row may point elsewhere: at a height
    /// above the head (a seal that failed before its block, or a block stored beyond the written
    /// head and not adopted yet), or past a block's end.
    /// </summary>
    private async Task<HashSet<string>> OnChainAsync(IEnumerable<KeyValuePair<string, (long Height, int Index)>> places)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var read = new Dictionary<long, Block>();
        foreach ((string recordId, (long height, int i)) in places)
        {
            if (height < 0 || height > state.State.Height)
            {
                continue;
            }
            Block block = await ChainBlockAsync(height, read);
            if (i >= 0 && i < block.Records.Count && string.Equals(block.Records[i].RecordId(), recordId, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(recordId);
            }
        }
        return found;
    }

    /// <summary>Where a record is on the sealed chain, checked against its block; null when it is not on it.</summary>
    private async Task<(long Height, int Index)?> SealedPlaceAsync(string recordId) =>
        await index.FindAsync(Id, recordId) is { } place && (await OnChainAsync([new(recordId, place)])).Count == 1 ? place : null;

    /// <summary>
    /// Remembers retries found on the chain, so that the same retry sent again is answered without
    /// being stored and dropped once more. Bounded: cleared when full.
    /// </summary>
    private void RememberRetries(IEnumerable<string> recordIds)
    {
        if (_retriesOnChain.Count >= RetriesRemembered)
        {
            _retriesOnChain.Clear();
        }
        _retriesOnChain.UnionWith(recordIds);
    }

    /// <summary>Sends a sealed block to every replica without waiting: a replica that misses one fetches it with the next.</summary>
    private void HandToReplicas(byte[] encodedBlock)
    {
        for (int n = 0; n < options.Value.Replicas; n++)
        {
            GrainFactory.GetGrain<ILedgerReplicaGrain>($"{Id}/{n}").AppendAsync(encodedBlock).Ignore();
        }
    }

    /// <summary>
    /// The block stored at this height, if any, beyond the head (written by a seal that crashed or
    /// failed before its head); its index rows are written again. Its records must all be pending
    /// (wherever they are in the pool: retries dropped from it meanwhile may leave gaps).
    /// </summary>
    private async Task<(Block Block, byte[] Encoded)?> StoredBlockAsync(long height)
    {
        byte[]? stored = await blocks.ReadAsync(Id, height);
        if (stored is null)
        {
            return null;
        }
        if (!Block.TryDecode(stored, out Block? block))
        {
            throw new InvalidOperationException($"Block {height} of {Id} in the store does not decode.");
        }
        var pending = new Dictionary<string, PendingRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (PendingRecord r in state.State.Pending)
        {
            pending.TryAdd(LedgerRecord.IdOf(r.Record), r);
        }
        var entries = new List<(string RecordId, string PatientId)>();
        foreach (LedgerRecord record in block!.Records)
        {
            string id = record.RecordId();
            if (!pending.TryGetValue(id, out PendingRecord? r))
            {
                logger.LogCritical("Hospital {Hospital}: block {Height} in the store holds record {Record}, which is not pending; sealing stops.", Id, height, id);
                throw new InvalidOperationException($"Block {height} of {Id} in the store does not match the pending pool.");
            }
            entries.Add((id, r.PatientId));
        }
        await index.AddBlockAsync(Id, height, entries, replace: true);
        return (block, stored);
    }

    /// <summary>Signs a new block of <paramref name="records"/> on the head and stores it, create-only; the block and its bytes.</summary>
    private async Task<(Block Block, byte[] Encoded)> SealNewBlockAsync(List<LedgerRecord> records, long height)
    {
        BlockHeader? previous = state.State.HeadHeader.Length == 0 ? null : DecodeHeader(state.State.HeadHeader);
        SecretKey key = await HospitalKey();
        Block block = Block.Seal(key, state.State.Pid, previous, records, time.GetUtcNow());
        byte[] encoded = block.Encode();
        await blocks.WriteAsync(Id, height, encoded);
        return (block, encoded);
    }

    /// <summary>A block of the sealed chain, read once per <paramref name="read"/>; missing or undecodable is an error.</summary>
    private async Task<Block> ChainBlockAsync(long height, Dictionary<long, Block> read)
    {
        if (!read.TryGetValue(height, out Block? block))
        {
            byte[] bytes = await blocks.ReadAsync(Id, height) ?? throw new InvalidOperationException($"Block {height} of {Id} is missing.");
            read[height] = block = Block.TryDecode(bytes, out Block? b) ? b! : throw new InvalidOperationException($"Block {height} of {Id} does not decode.");
        }
        return block;
    }

    /// <summary>A record of the pending pool (checked when it was accepted).</summary>
    private static LedgerRecord Decode(byte[] encoded) =>
        LedgerRecord.TryDecode(encoded, out LedgerRecord? r) ? r! : throw new InvalidOperationException("A pending record does not decode.");

    /// <summary>The head's header, as the state keeps it.</summary>
    private static BlockHeader DecodeHeader(byte[] encoded) =>
        BlockHeader.TryDecode(encoded, out BlockHeader? h) ? h! : throw new InvalidOperationException("The head header does not decode.");
}
