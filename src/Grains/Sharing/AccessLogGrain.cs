using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using MedChain.Protocol.Checkpoints;
using Microsoft.Extensions.Logging;

namespace MedChain.Grains.Sharing;

/// <summary>
/// <see cref="IAccessLogGrain"/>, one per patient: appends entries chained by <see cref="AccessLogChain"/> under a
/// key derived from the key-encryption key. The entries are written first, then the head in the
/// grain's state; rows past the head (an append whose head write failed: its records were not
/// handed out) are written over by the next append. A grain whose state was never written adopts
/// the rows already in the store, as far as they chain (a log kept before this grain existed, or a
/// first append that crashed before its head: logged rather than lost).
/// </summary>
public sealed class AccessLogGrain(
    [PersistentState("access-log", MedChainGrainServices.StateStorage)] IPersistentState<AccessLogState> state,
    KeyProtector keys,
    IAccessLogStore store,
    ILogDirectory directory,
    TimeProvider time,
    StoragePseudonyms pseudonyms,
    ILogger<AccessLogGrain> logger) : Grain, IAccessLogGrain
{
    private const int PageSize = 1000;

    private byte[]? _key;

    private byte[] Key => _key ??= keys.DeriveKey(AccessLogChain.KeyLabel);

    private string PatientId => this.GetPrimaryKeyString();

    /// <summary>The log's name in storage: the patient's pseudonym.</summary>
    private string Log => pseudonyms.Patient(PatientId);

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists || state.State.Head is not null)
        {
            return;
        }
        IReadOnlyList<AccessEntry> stored = await store.ReadAsync(Log, 0, long.MaxValue, cancellationToken);
        if (stored.Count == 0)
        {
            return;
        }
        long chained = AccessLogChain.FirstBroken(Key, stored, stored.Count) ?? stored.Count;
        if (chained < stored.Count)
        {
            logger.LogWarning("The access log holds {Count} entries without a head; {Chained} chain, the rest will be written over.", stored.Count, chained);
        }
        if (chained > 0)
        {
            state.State.Head = stored[(int)chained - 1];
            state.State.Root = RootOf(stored.Take((int)chained));
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public async Task<(long Size, byte[] Root)> GetLogRootAsync()
    {
        if (state.State.Head is not { } head)
        {
            return (0, LogConsistency.EmptyRoot());
        }
        return (head.Sequence + 1, await RootAsync());
    }

    /// <inheritdoc/>
    public async Task<byte[][]> GetEntryMacsAsync(long from, int count)
    {
        if (state.State.Head is not { } head || from < 0 || from > head.Sequence || count <= 0)
        {
            return [];
        }
        long to = Math.Min(head.Sequence, from + Math.Min(count, PageSize) - 1);
        return [.. (await store.ReadAsync(Log, from, to)).Select(e => e.Hash)];
    }

    /// <inheritdoc/>
    public async Task AppendAsync(string doctorId, string consentId, RecordAccess[] records)
    {
        if (records.Length == 0)
        {
            return;
        }
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        AccessEntry? head = state.State.Head;
        var entries = new List<AccessEntry>(records.Length);
        foreach (RecordAccess r in records)
        {
            entries.Add(AccessLogChain.Next(Key, entries.Count == 0 ? head : entries[^1], now, doctorId, PatientId, r.HospitalId, r.RecordId, consentId));
        }
        if (head is null)
        {
            // Listed for the checkpoints before its first entry can be handed out.
            await directory.AddAsync(Log, PatientId);
        }
        byte[] root = head is null ? LogConsistency.EmptyRoot() : await RootAsync();
        await store.AppendAsync(Log, entries);
        byte[] previousRoot = state.State.Root;
        (state.State.Head, state.State.Root) = (entries[^1], entries.Aggregate(root, (r, e) => LogConsistency.ExtendAccessLog(r, e.Hash)));
        await state.WriteOrUndoAsync(() => (state.State.Head, state.State.Root) = (head, previousRoot));
    }

    /// <summary>The root of the entries up to the head, computed from the stored entries once for a log kept before roots.</summary>
    private async Task<byte[]> RootAsync()
    {
        if (state.State.Root.Length == 0 && state.State.Head is { } head)
        {
            state.State.Root = RootOf(await store.ReadAsync(Log, 0, head.Sequence));
        }
        return state.State.Root;
    }

    private static byte[] RootOf(IEnumerable<AccessEntry> entries) =>
        entries.Aggregate(LogConsistency.EmptyRoot(), (r, e) => LogConsistency.ExtendAccessLog(r, e.Hash));

    /// <inheritdoc/>
    public async Task<AccessEntry[]> ReadAsync(long fromSequence)
    {
        if (state.State.Head is not { } head || fromSequence > head.Sequence)
        {
            return [];
        }
        long from = Math.Max(0, fromSequence);
        return [.. await store.ReadAsync(Log, from, Math.Min(head.Sequence, from + PageSize - 1))];
    }

    /// <inheritdoc/>
    public async Task<(long Count, long? FirstBroken)> AuditAsync()
    {
        if (state.State.Head is not { } head)
        {
            return (0, null);
        }
        IReadOnlyList<AccessEntry> entries = await store.ReadAsync(Log, 0, head.Sequence);
        long? broken = AccessLogChain.FirstBroken(Key, entries, head.Sequence + 1);
        // The head kept in the grain's state must be the stored last entry too.
        if (broken is null && !entries[^1].Hash.AsSpan().SequenceEqual(head.Hash))
        {
            broken = head.Sequence;
        }
        return (head.Sequence + 1, broken);
    }
}
