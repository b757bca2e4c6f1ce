using System.Security.Cryptography;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Storage;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Microsoft.Extensions.Logging;

namespace MedChain.Grains.Hospital;

/// <summary>
/// A hospital's sealing of its pending pool into blocks (III.D step 2), and the chain head in its
/// state. A block's records are indexed first (insert-only, which finds a retry of a record already
/// on the chain: it is dropped from the pool, so the chain holds every record once), then the block
/// object is written (create-only); the head moves in memory and is written with the next state
/// write (<see cref="WriteStateAsync"/>). After an activation or a failed seal, the blocks stored
/// beyond the written head are adopted first. Callers hold the grain's lock.
/// </summary>
internal sealed class ChainSealer(
    IPersistentState<HospitalState> state,
    SealedChain chain,
    IBlockStore blocks,
    IRecordIndex index,
    BlockPolicy policy,
    Func<Task<SecretKey>> hospitalKey,
    Action<byte[]> handToReplicas,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>How many retries found on the chain are remembered (then forgotten all at once).</summary>
    private const int RetriesRemembered = 1024;

    private readonly HashSet<string> _retriesOnChain = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a block may be stored beyond the head (after an activation or a failed seal).</summary>
    private bool _mayHaveStoredBlock = true;

    private HospitalState State => state.State;

    /// <summary>Whether the head moved since the state was last written.</summary>
    public bool HeadUnwritten { get; private set; }

    /// <summary>Whether the timer has something to do: a block to seal, a head to write, or stored blocks to look for.</summary>
    public bool HasWork => ShouldSealNow() || HeadUnwritten || _mayHaveStoredBlock;

    /// <summary>The chain's head as the grain answers it: height, header hash (hex) and the pending count.</summary>
    public ChainHead Head() => new(
        State.Height,
        State.HeadHeader.Length == 0 ? null : Convert.ToHexString(SHA256.HashData(State.HeadHeader)),
        State.Pending.Count);

    /// <summary>True when the ledger record was found on the chain as a retry (and dropped from the pool).</summary>
    public bool IsKnownRetry(string recordId) => _retriesOnChain.Contains(recordId);

    /// <summary>The block policy applied to the pending pool and the time since the last seal.</summary>
    private bool ShouldSealNow() =>
        policy.ShouldSeal(State.Pending.Count, time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(State.LastSealMs));

    /// <summary>Writes the state: the pending pool and the head, which sealing moves without writing.</summary>
    private async Task WriteStateAsync()
    {
        await state.WriteStateAsync();
        HeadUnwritten = false;
    }

    /// <summary>Writes the state if a seal moved the head since the last write.</summary>
    public Task WriteHeadIfMovedAsync() => HeadUnwritten ? WriteStateAsync() : Task.CompletedTask;

    /// <summary>Writes <paramref name="next"/> as the state; when the write fails, the state is put back as storage holds it.</summary>
    public async Task ReplaceStateAsync(HospitalState next)
    {
        HospitalState before = state.State;
        state.State = next;
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }

    /// <summary>The group commit's write: the batch joins the pending pool, which is written; on failure memory is as before.</summary>
    public async Task AppendAsync(IReadOnlyList<PendingRecord> batch)
    {
        State.Pending.AddRange(batch);
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            State.Pending.RemoveRange(State.Pending.Count - batch.Count, batch.Count);
            throw;
        }
    }

    /// <summary>After a commit: seals when the pool holds a full block; a failure is logged (the records are durable, the timer or the next commit seals them).</summary>
    public async Task SealFullBlocksAsync()
    {
        if (State.Pending.Count < policy.MaxRecords)
        {
            return;
        }
        try
        {
            await SealAsync(force: false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sealing hospital {Hospital} failed; will retry.", chain.Chain);
        }
    }

    /// <summary>An explicit seal of whatever is pending; the head is written, even after a failure, for what was sealed.</summary>
    public async Task<ChainHead> SealNowAsync()
    {
        try
        {
            await SealAsync(force: true);
        }
        finally
        {
            await WriteHeadIfMovedAsync();
        }
        return Head();
    }

    /// <summary>
    /// The timer's turn: seals when the policy says so (decided again here, under the lock: a
    /// commit may have sealed meanwhile), else adopts blocks a crash left beyond the written head;
    /// then writes the head if it moved.
    /// </summary>
    public async Task TickAsync()
    {
        try
        {
            if (ShouldSealNow())
            {
                await SealAsync(force: true);
            }
            else
            {
                await AdoptStoredBlocksAsync();
            }
        }
        finally
        {
            await WriteHeadIfMovedAsync();
        }
    }

    /// <summary>Seals full blocks (and, when forced, a last partial one), after adopting stored blocks.</summary>
    private async Task SealAsync(bool force)
    {
        try
        {
            await AdoptStoredBlocksAsync();
            while (MakesBlock(force))
            {
                long height = State.Height + 1;
                if (await IndexNextBlockAsync(height, force) is not { } records)
                {
                    return;
                }
                (Block block, byte[] encoded) = await SealNewBlockAsync(records, height);
                // The block's records are the head of the pending pool.
                State.Pending.RemoveRange(0, block.Records.Count);
                MoveHead(block, encoded, time.GetUtcNow().ToUnixTimeMilliseconds());
            }
        }
        catch
        {
            // The block may be stored without its head: the next seal looks for it first.
            _mayHaveStoredBlock = true;
            throw;
        }
    }

    /// <summary>
    /// After an activation or a failed seal: adopts the blocks stored beyond the head, one height
    /// after another, until a height holds none.
    /// </summary>
    private async Task AdoptStoredBlocksAsync()
    {
        while (_mayHaveStoredBlock)
        {
            long height = State.Height + 1;
            if (await StoredBlockAsync(height) is not (Block block, byte[] encoded))
            {
                _mayHaveStoredBlock = false;
                return;
            }
            var ids = block.Records.Select(r => r.RecordId()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            State.Pending.RemoveAll(r => ids.Contains(LedgerRecord.IdOf(r.Record)));
            MoveHead(block, encoded, block.Header.TimestampMs);
            logger.LogInformation("Hospital {Hospital} adopted block {Height}, stored before its head was written.", chain.Chain, height);
        }
    }

    /// <summary>Whether the pending pool makes a block: a full one, or any when forced.</summary>
    private bool MakesBlock(bool force) =>
        State.Pending.Count >= policy.MaxRecords || (force && State.Pending.Count > 0);

    /// <summary>
    /// The stored block is what makes a seal durable: the head moves in memory and rides on the
    /// next state write (a commit's, the timer's, an explicit seal's); after a crash it is adopted.
    /// </summary>
    private void MoveHead(Block block, byte[] encoded, long sealedAtMs)
    {
        State.Height = block.Header.Height;
        State.HeadHeader = block.Header.Encode();
        State.LastSealMs = sealedAtMs;
        HeadUnwritten = true;
        handToReplicas(encoded);
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
            List<PendingRecord> taken = State.Pending.Take(policy.MaxRecords).ToList();
            List<(string RecordId, string PatientId)> entries = [.. taken.Select(r => (LedgerRecord.IdOf(r.Record), r.PatientId))];
            IReadOnlyDictionary<string, RecordPlace> held = await index.InsertBlockAsync(chain.Chain, height, entries);
            if (held.Count == 0)
            {
                return [.. taken.Select(r => Decode(r.Record))];
            }
            HashSet<string> onChain = await chain.OnChainAsync(held);
            if (onChain.Count == 0)
            {
                // Rows of these records at this height, left by a seal that did not finish: written again.
                await index.RewriteBlockAsync(chain.Chain, height, entries);
                return [.. taken.Select(r => Decode(r.Record))];
            }
            List<PendingRecord> before = [.. State.Pending];
            State.Pending.RemoveAll(r => onChain.Contains(LedgerRecord.IdOf(r.Record)));
            try
            {
                await WriteStateAsync();
            }
            catch
            {
                // Memory stays what storage holds: a later block is built from the same pool.
                State.Pending.Clear();
                State.Pending.AddRange(before);
                throw;
            }
            RememberRetries(onChain);
            logger.LogInformation("Hospital {Hospital} dropped {Count} retried records already on its chain.", chain.Chain, onChain.Count);
        }
        return null;
    }

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

    /// <summary>
    /// The block stored at this height, if any, beyond the head (written by a seal that crashed or
    /// failed before its head); its index rows are written again. Its records must all be pending
    /// (wherever they are in the pool: retries dropped from it meanwhile may leave gaps).
    /// </summary>
    private async Task<(Block Block, byte[] Encoded)?> StoredBlockAsync(long height)
    {
        byte[]? stored = await chain.ReadAsync(height);
        if (stored is null)
        {
            return null;
        }
        if (!Block.TryDecode(stored, out Block? block))
        {
            throw new InvalidOperationException($"Block {height} of {chain.Chain} in the store does not decode.");
        }
        var pending = new Dictionary<string, PendingRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (PendingRecord r in State.Pending)
        {
            pending.TryAdd(LedgerRecord.IdOf(r.Record), r);
        }
        var entries = new List<(string RecordId, string PatientId)>();
        foreach (LedgerRecord record in block!.Records)
        {
            string id = record.RecordId();
            if (!pending.TryGetValue(id, out PendingRecord? r))
            {
                logger.LogCritical("Hospital {Hospital}: block {Height} in the store holds record {Record}, which is not pending; sealing stops.", chain.Chain, height, id);
                throw new InvalidOperationException($"Block {height} of {chain.Chain} in the store does not match the pending pool.");
            }
            entries.Add((id, r.PatientId));
        }
        await index.RewriteBlockAsync(chain.Chain, height, entries);
        return (block, stored);
    }

    /// <summary>Signs a new block of <paramref name="records"/> on the head and stores it, create-only; the block and its bytes.</summary>
    private async Task<(Block Block, byte[] Encoded)> SealNewBlockAsync(List<LedgerRecord> records, long height)
    {
        BlockHeader? previous = State.HeadHeader.Length == 0 ? null : DecodeHeader(State.HeadHeader);
        SecretKey key = await hospitalKey();
        Block block = Block.Seal(key, State.Pid, previous, records, time.GetUtcNow());
        byte[] encoded = block.Encode();
        await blocks.WriteAsync(chain.Chain, height, encoded);
        return (block, encoded);
    }

    /// <summary>A record of the pending pool (checked when it was accepted).</summary>
    private static LedgerRecord Decode(byte[] encoded) =>
        LedgerRecord.TryDecode(encoded, out LedgerRecord? r) ? r! : throw new InvalidOperationException("A pending record does not decode.");

    /// <summary>The head's header, as the state keeps it.</summary>
    private static BlockHeader DecodeHeader(byte[] encoded) =>
        BlockHeader.TryDecode(encoded, out BlockHeader? h) ? h! : throw new InvalidOperationException("The head header does not decode.");
}
