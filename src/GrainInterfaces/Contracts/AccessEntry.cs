namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// One entry of the SM's access log: who received which record, when, under which consent. Entries
/// are hash-chained: Hash = SHA-256(previous hash || canonical encoding of the other fields).
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.AccessEntry")]
public sealed record AccessEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long TimeMs,
    [property: Id(2)] string DoctorId,
    [property: Id(3)] string PatientId,
    [property: Id(4)] string HospitalId,
    [property: Id(5)] string RecordId,
    [property: Id(6)] string ConsentId,
    [property: Id(7)] byte[] PreviousHash,
    [property: Id(8)] byte[] Hash);
