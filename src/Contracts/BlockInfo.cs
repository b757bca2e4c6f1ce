namespace MedChain.Contracts;

/// <summary>A sealed block: header fields, its records in order, and the whole encoded block (base64) for independent checks.</summary>
public sealed record BlockInfo(long Height, string HeaderHash, string PreviousHash, string MerkleRoot, long TimestampMs, BlockRecord[] Records, string Block);
