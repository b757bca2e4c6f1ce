namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A doctor's standing at his hospital: credit score and whether he has been expelled.</summary>
[GenerateSerializer, Immutable, Alias("medchain.DoctorStanding")]
public sealed record DoctorStanding(
    [property: Id(0)] string DoctorId,
    [property: Id(1)] int Credit,
    [property: Id(2)] bool Expelled);
