namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A doctor's public profile: public key, hospital, that hospital's pseudonym PID_i, and whether the sm-admin revoked his key.</summary>
[GenerateSerializer, Immutable, Alias("medchain.DoctorProfile")]
public sealed record DoctorProfile(
    [property: Id(0)] byte[] PublicKey,
    [property: Id(1)] string HospitalId,
    [property: Id(2)] byte[] HospitalPid,
    [property: Id(3)] bool Revoked);
