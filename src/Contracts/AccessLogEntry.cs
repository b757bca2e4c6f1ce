namespace MedChain.Contracts;

/// <summary>One access the re-encryption proxy logged: who received which record (its ledger record id, as in its receipt) of which patient from which hospital, when (Unix ms), under which consent; its chained hash (hex).</summary>
public sealed record AccessLogEntry(long Sequence, long TimeMs, string DoctorId, string PatientId, string HospitalId, string RecordId, string ConsentId, string Hash);
