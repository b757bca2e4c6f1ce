namespace MedChain.Contracts;

/// <summary>A consent as listed to its patient (no key material).</summary>
public sealed record ConsentSummary(string ConsentId, string DoctorId, long ExpiresAtMs, bool Revoked);
