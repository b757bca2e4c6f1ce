namespace MedChain.Contracts;

/// <summary>A doctor's report of a hospital's illegal behaviour.</summary>
public sealed record ReportRequest(string HospitalId, string Reason);
