namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A doctor's report about his hospital, as the SM keeps it for the sm-admin to decide.</summary>
[GenerateSerializer, Immutable, Alias("medchain.HospitalReport")]
public sealed record HospitalReport(
    [property: Id(0)] string ReportId,
    [property: Id(1)] string HospitalId,
    [property: Id(2)] string DoctorId,
    [property: Id(3)] string Reason,
    [property: Id(4)] long FiledAtMs,
    [property: Id(5)] ReportStatus Status);
