namespace MedChain.Contracts;

/// <summary>The sm-admin admits a hospital: its id and the public key (base64, compressed G1) its operator logs in with.</summary>
public sealed record AdmitHospitalRequest(string HospitalId, string OperatorKey);
