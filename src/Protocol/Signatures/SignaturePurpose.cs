namespace MedChain.Protocol.Signatures;

/// <summary>
/// What a Schnorr signature is for, bound into its challenge, so that a signature made for one
/// purpose never verifies for another (a doctor's record signature is not a block signature).
/// </summary>
public static class SignaturePurpose
{
    /// <summary>A hospital's signature over a block header hash.</summary>
    public const string BlockHeader = "block-header";

    /// <summary>A doctor's signature over a broadcast ledger record.</summary>
    public const string LedgerRecord = "ledger-record";

    /// <summary>A patient's signature over a consent (grant of access to a doctor).</summary>
    public const string Consent = "consent";

    /// <summary>A participant's signature over a login challenge (front door).</summary>
    public const string Login = "login";

    /// <summary>A doctor's or patient's consent to be registered at a hospital (proof that he holds the key).</summary>
    public const string Enrollment = "enrollment";

    /// <summary>The system manager's signature over a log's checkpoint (its size and root).</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>A witness's cosignature over a checkpoint it found to extend the last one it stored.</summary>
    public const string Cosignature = "checkpoint-cosignature";

    /// <summary>A doctor's or patient's signature over a key rotation, by his current key and by his new one.</summary>
    public const string KeyRotation = "key-rotation";
}
