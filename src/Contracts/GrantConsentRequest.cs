namespace MedChain.Contracts;

/// <summary>A signed consent (see <c>Consent</c>): base64 keys and signature, expiry in Unix ms.</summary>
public sealed record GrantConsentRequest(string ConsentId, string DoctorId, string DoctorKey, string ReKey, long ExpiresAtMs, string Signature);
