namespace MedChain.Contracts;

/// <summary>A doctor's or patient's key after a rotation or revocation: his id, role, current public key (base64) and whether it is revoked.</summary>
public sealed record ParticipantKeyInfo(string ParticipantId, string Role, string PublicKey, bool Revoked);
