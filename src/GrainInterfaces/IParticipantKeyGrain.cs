using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The key of a doctor or patient (both grains): rotation by its holder and revocation by the
/// sm-admin. The id stays the one derived from the first key (<c>ParticipantIds</c>).
/// </summary>
[Alias("medchain.IParticipantKeyGrain")]
public interface IParticipantKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the participant's key (<c>KeyRotation</c>: the statement signed by the current key
    /// and by the new one) and tells his hospitals; the same rotation again re-tells them. A
    /// <see cref="RefusalException"/> when it does not verify, he is not registered or is revoked.
    /// </summary>
    [Alias("RotateKey")]
    Task RotateKeyAsync(byte[] newKey, byte[] currentKeySignature, byte[] newKeySignature);

    /// <summary>
    /// The sm-admin revokes the participant's key: he can no longer log in, his tokens stop
    /// admitting him, and his hospitals refuse records by or for him. Final: a participant who lost
    /// his key enrolls again under a new id. False when he is not registered.
    /// </summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync();

    /// <summary>True once the sm-admin revoked the participant's key.</summary>
    [Alias("IsRevoked")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsRevokedAsync();
}
