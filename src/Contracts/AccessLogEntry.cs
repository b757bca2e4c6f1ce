namespace MedChain.Contracts;

/// <summary>One access the SM proxy logged: who received which record (hex hash) of which patient from which hospital, when (Unix ms), under which consent; its chained hash (hex).</summary>
public sealed record AccessLogEntry(long Sequence, long TimeMs, string DoctorId, string PatientId, string HospitalId, string RecordId, string ConsentId, string Hash);
