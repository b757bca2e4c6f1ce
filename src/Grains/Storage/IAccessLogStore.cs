using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Storage;

/// <summary>
/// The proxy's access logs (one per patient), each entry stored once as its own row, so that logging
/// an access costs O(entries added) and not O(log). Each log grain's state keeps only its last entry
/// (the chain's head).
/// </summary>
public interface IAccessLogStore
{
    /// <summary>Stores entries (consecutive sequence numbers); writing the same sequence again replaces it (a retry after a crash).</summary>
    Task AppendAsync(string log, IReadOnlyList<AccessEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The stored entries with sequence numbers from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.</summary>
    Task<IReadOnlyList<AccessEntry>> ReadAsync(string log, long from, long to, CancellationToken cancellationToken = default);
}
