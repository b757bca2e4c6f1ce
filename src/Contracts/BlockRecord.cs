namespace MedChain.Contracts;

/// <summary>
/// One record of a sealed block: its id (hex leaf hash) and, base64, the sealed header C1..C5, the
/// hash of its encrypted body (the body is not on the ledger), PID_ij, X_ij, the doctor's key and signature.
/// </summary>
public sealed record BlockRecord(string RecordId, string Header, string BodyHash, string PatientPid, string Envelope, string DoctorKey, string Signature);
