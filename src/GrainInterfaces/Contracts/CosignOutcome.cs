namespace MedChain.GrainInterfaces.Contracts;

/// <summary>The answer to a posted cosignature: taken or why not, and the log's newest witnessed checkpoint after it.</summary>
[GenerateSerializer, Immutable, Alias("medchain.CosignOutcome")]
public sealed record CosignOutcome(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Reason,
    [property: Id(2)] WitnessedCheckpoint? Newest);
