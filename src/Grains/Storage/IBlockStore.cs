namespace MedChain.Grains.Storage;

/// <summary>
/// Sealed blocks, each written once as its own object, so that sealing costs O(block) and not
/// O(chain): grain state keeps only the chain's head, the pending pool and indexes.
/// </summary>
public interface IBlockStore
{
    /// <summary>
    /// Stores block <paramref name="height"/> of a chain, create-only. Writing the same bytes again
    /// succeeds (a retry after a crash); different bytes at an existing height throw
    /// <see cref="BlockConflictException"/>.
    /// </summary>
    Task WriteAsync(string chain, long height, ReadOnlyMemory<byte> encodedBlock, CancellationToken cancellationToken = default);

    /// <summary>The highest height stored for a chain, or -1 when it has no block.</summary>
    Task<long> LastHeightAsync(string chain, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes of a block, or null when there is none at that height.</summary>
    Task<byte[]?> ReadAsync(string chain, long height, CancellationToken cancellationToken = default);

    /// <summary>
    /// A version tag for each stored block of a chain, by height, read in one listing: a tag changes
    /// whenever the stored object is replaced, so an audit sees which blocks it validated before are
    /// still the bytes it validated without reading them.
    /// </summary>
    Task<IReadOnlyDictionary<long, string>> VersionsAsync(string chain, CancellationToken cancellationToken = default);
}
