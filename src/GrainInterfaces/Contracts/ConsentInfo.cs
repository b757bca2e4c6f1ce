namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A consent as listed to its patient: for whom, until when, and whether revoked (no key material).</summary>
[GenerateSerializer, Immutable, Alias("medchain.ConsentInfo")]
public sealed record ConsentInfo(
    [property: Id(0)] string ConsentId,
    [property: Id(1)] string DoctorId,
    [property: Id(2)] long ExpiresAtMs,
    [property: Id(3)] bool Revoked);
