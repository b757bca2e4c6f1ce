namespace MedChain.Contracts;

/// <summary>A doctor's report about a hospital as the SM keeps it: its id, the hospital and doctor, the reason, when it was filed (Unix ms) and its status (pending, upheld, dismissed).</summary>
public sealed record ReportFiled(string ReportId, string HospitalId, string DoctorId, string Reason, long FiledAtMs, string Status);
