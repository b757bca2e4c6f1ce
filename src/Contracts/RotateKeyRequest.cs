namespace MedChain.Contracts;

/// <summary>
/// A doctor or patient replaces his key: the new public key (base64, compressed G1) and the rotation
/// statement (see <c>KeyRotation</c>) signed by his current key and by the new key (base64 signatures).
/// </summary>
public sealed record RotateKeyRequest(string PublicKey, string CurrentKeySignature, string NewKeySignature);
