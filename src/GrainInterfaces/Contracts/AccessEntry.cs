namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// One entry of the proxy's access log: who received which record (its ledger record id, as in the
/// record's receipt), from which hospital, when, under which consent. Entries are chained by a
/// keyed hash: Hash = HMAC-SHA256(silos' key, previous hash || length-prefixed other fields).
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
