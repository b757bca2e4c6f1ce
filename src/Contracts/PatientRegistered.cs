namespace MedChain.Contracts;

/// <summary>A registered patient and the evidence alpha (base64) the hospital issued for his visits.</summary>
public sealed record PatientRegistered(string PatientId, string HospitalId, string Alpha);
