namespace MedChain.Contracts;

/// <summary>A doctor's public profile and standing (expelled by credit, or his key revoked by the sm-admin).</summary>
public sealed record DoctorInfo(string DoctorId, string HospitalId, string PublicKey, int Credit, bool Expelled, bool Revoked);
