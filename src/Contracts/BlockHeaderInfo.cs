namespace MedChain.Contracts;

/// <summary>
/// A sealed block's header, readable by every participant (auditors, witnesses): height, header
/// hash, previous hash and Merkle root (hex), record count, sealing time (Unix ms), and the encoded
/// header and the hospital's signature over its hash (base64). The records are not in it.
/// </summary>
public sealed record BlockHeaderInfo(long Height, string HeaderHash, string PreviousHash, string MerkleRoot, int RecordCount, long TimestampMs, string Header, string Signature);
