namespace MedChain.Contracts;

/// <summary>A doctor's broadcast (III.C/D), base64 fields: the sealed record (C1..C5 and body), PID_ij, X_ij and the doctor's signature over the ledger record.</summary>
public sealed record BroadcastRecordRequest(string PatientId, string SealedRecord, string PatientPid, string Envelope, string Signature);
