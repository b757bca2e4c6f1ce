namespace MedChain.Protocol.Records;

/// <summary>Outcome of the hospital server's verification of a doctor's broadcast (III.D).</summary>
public enum BroadcastCheck
{
    /// <summary>All checks passed: the record may join the pending pool.</summary>
    Valid = 0,

    /// <summary>The broadcast does not decode (record, signature or keys malformed).</summary>
    Malformed,

    /// <summary>X_ij does not open with the hospital's key.</summary>
    EnvelopeUnreadable,

    /// <summary>X_ij opens but alpha, the patient, the hospital or the doctor is not the expected one.</summary>
    IdentityMismatch,

    /// <summary>The doctor's signature over the broadcast does not verify.</summary>
    BadSignature,

    /// <summary>e(C1, PK_j u^h v d) != e(g1, C2 C5).</summary>
    InvalidCiphertext,
}
