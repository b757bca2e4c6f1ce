namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A hospital chain's head: the height of the last sealed block (-1 before genesis), its header hash (hex) and the pending count.</summary>
[GenerateSerializer, Immutable, Alias("medchain.ChainHead")]
public sealed record ChainHead(
    [property: Id(0)] long Height,
    [property: Id(1)] string? HeaderHash,
    [property: Id(2)] int Pending);
