namespace MedChain.Contracts;

/// <summary>One record of a sealed block: its id (hex leaf hash) and, base64, the sealed record (C1..C5 and body), PID_ij, X_ij, the doctor's key and signature.</summary>
public sealed record BlockRecord(string RecordId, string SealedRecord, string PatientPid, string Envelope, string DoctorKey, string Signature);
