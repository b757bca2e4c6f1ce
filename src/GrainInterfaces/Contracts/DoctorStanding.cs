namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A doctor's standing at his hospital: credit score, whether he has been expelled, whether his key was revoked.</summary>
[GenerateSerializer, Immutable, Alias("medchain.DoctorStanding")]
public sealed record DoctorStanding(
    [property: Id(0)] string DoctorId,
    [property: Id(1)] int Credit,
    [property: Id(2)] bool Expelled,
    [property: Id(3)] bool Revoked)
{
    /// <summary>Neither expelled nor revoked: he may log in, share and report.</summary>
    public bool InGoodStanding => !Expelled && !Revoked;
}
