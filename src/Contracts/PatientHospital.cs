namespace MedChain.Contracts;

/// <summary>A hospital that holds a patient's records, as the patient sees it: its pseudonym PID_i and public key (base64).</summary>
public sealed record PatientHospital(string Pid, string PublicKey);
