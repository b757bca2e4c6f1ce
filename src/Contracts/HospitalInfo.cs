namespace MedChain.Contracts;

/// <summary>A hospital as the SM knows it: public key PK_i and pseudonym PID_i (base64) and credit score.</summary>
public sealed record HospitalInfo(string HospitalId, string PublicKey, string Pid, int Credit);
