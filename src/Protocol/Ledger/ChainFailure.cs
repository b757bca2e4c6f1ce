namespace MedChain.Protocol.Ledger;

/// <summary>Why a chain failed validation.</summary>
public enum ChainFailure
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>A height is not the previous height plus one (or genesis is not 0).</summary>
    SkippedHeight,

    /// <summary>The previous-hash field does not equal the previous header's hash.</summary>
    BrokenLink,

    /// <summary>The Merkle root or record count does not match the records.</summary>
    BadMerkleRoot,

    /// <summary>The hospital's signature over the header does not verify.</summary>
    BadSignature,

    /// <summary>A record fails its own checks (doctor signature, ciphertext).</summary>
    InvalidRecord,

    /// <summary>More records than the block policy allows.</summary>
    TooManyRecords,

    /// <summary>A block belongs to another hospital.</summary>
    WrongHospital,

    /// <summary>A block's bytes do not decode.</summary>
    Undecodable,
}
