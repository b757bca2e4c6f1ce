namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A hospital as the SM knows it: public key (compressed G1), pseudo identity PID_i, credit score.</summary>
[GenerateSerializer, Immutable, Alias("medchain.HospitalRegistration")]
public sealed record HospitalRegistration(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] byte[] Pid,
    [property: Id(3)] int Credit);
