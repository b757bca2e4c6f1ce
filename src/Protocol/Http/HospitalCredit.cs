namespace MedChain.Protocol.Http;

/// <summary>A hospital's credit score.</summary>
public sealed record HospitalCredit(string HospitalId, int Credit);
