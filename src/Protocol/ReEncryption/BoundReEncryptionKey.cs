using MedChain.Protocol.Keys;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// A re-encryption key known to bind a patient's key to a doctor's (e(rk, PK_j) = e(PK_s, g),
/// checked by <see cref="ReEncryptionKey.BindTo"/>): what the proxy holds for one request.
/// </summary>
public sealed class BoundReEncryptionKey
{
    internal BoundReEncryptionKey(ReEncryptionKey key, PublicKey patient, PublicKey doctor)
    {
        Key = key;
        Patient = patient;
        Doctor = doctor;
    }

    /// <summary>rk = PK_s^(1/x_j).</summary>
    public ReEncryptionKey Key { get; }

    /// <summary>The patient's key PK_j, whose records it transforms.</summary>
    public PublicKey Patient { get; }

    /// <summary>The doctor's key PK_s, for whom.</summary>
    public PublicKey Doctor { get; }
}
