namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// A doctor's broadcast of a record (III.C/D), as sent to the hospital: the sealed record (header
/// C1..C5 and body), PID_ij, X_ij, and the doctor's Schnorr signature over the ledger record these
/// make with the hospital's PID and the doctor's key (<c>LedgerRecord.SignedBytes</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.BroadcastRequest")]
public sealed record BroadcastRequest(
    [property: Id(0)] string DoctorId,
    [property: Id(1)] string PatientId,
    [property: Id(2)] byte[] SealedRecord,
    [property: Id(3)] byte[] PatientPid,
    [property: Id(4)] byte[] Envelope,
    [property: Id(5)] byte[] Signature);
