namespace MedChain.GrainInterfaces;

/// <summary>
/// A ledger replica of one hospital chain (key "{hospitalId}/{n}"): receives each sealed block,
/// validates it independently (link, Merkle root, hospital signature, doctors' signatures) and
/// keeps its own copy. Blocks it missed are fetched from the hospital.
/// </summary>
[Alias("medchain.ILedgerReplicaGrain")]
public interface ILedgerReplicaGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores a block (and any it missed before it); null when stored, else why it was refused.</summary>
    [Alias("Append")]
    Task<string?> AppendAsync(byte[] block);

    /// <summary>Height of the last stored block, -1 when none.</summary>
    [Alias("GetHeight")]
    Task<long> GetHeightAsync();

    /// <summary>The replica's copy of a block, or null.</summary>
    [Alias("GetBlock")]
    Task<byte[]?> GetBlockAsync(long height);
}
