namespace MedChain.Contracts;

/// <summary>
/// A signed consent (see <c>Consent</c>): base64 keys and signature, expiry in Unix ms, and its
/// scope (base64 of the encoded <c>ConsentScope</c>: the trapdoors, by hash, and hospitals it covers).
/// </summary>
public sealed record GrantConsentRequest(string ConsentId, string DoctorId, string DoctorKey, string ReKey, long ExpiresAtMs, string Scope, string Signature);
