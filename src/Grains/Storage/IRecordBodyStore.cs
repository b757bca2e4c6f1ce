namespace MedChain.Grains.Storage;

/// <summary>
/// The encrypted bodies of a hospital's records, each stored once as its own object and named by
/// the hash its ledger record commits to (<c>LedgerRecord.BodyHash</c>), so blocks, pending pools
/// and replicas carry only those hashes.
/// </summary>
public interface IRecordBodyStore
{
    /// <summary>Stores a body under its hash, create-only; storing it again succeeds.</summary>
    Task PutAsync(string hospitalId, byte[] bodyHash, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>
    /// The body with this hash, or null when there is none; throws <see cref="InvalidDataException"/>
    /// when the stored bytes do not hash to it (changed in storage).
    /// </summary>
    Task<byte[]?> GetAsync(string hospitalId, byte[] bodyHash, CancellationToken cancellationToken = default);
}
