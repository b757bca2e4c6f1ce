namespace MedChain.Contracts;

/// <summary>A hospital's credit score.</summary>
public sealed record HospitalCredit(string HospitalId, int Credit);
