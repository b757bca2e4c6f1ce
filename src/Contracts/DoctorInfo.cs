namespace MedChain.Contracts;

/// <summary>A doctor's public profile and standing.</summary>
public sealed record DoctorInfo(string DoctorId, string HospitalId, string PublicKey, int Credit, bool Expelled);
