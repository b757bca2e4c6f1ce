namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// One record the proxy re-encrypted for a doctor: where it is (hospital, record id), C2'' (the
/// transformed part, encoded), and the header and body hash of the stored record; the body is read
/// from the hospital where the answer is assembled.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.SharedRecord")]
public sealed record SharedRecord(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] string RecordId,
    [property: Id(2)] byte[] C2Transformed,
    [property: Id(3)] byte[] Header,
    [property: Id(4)] byte[] BodyHash);
