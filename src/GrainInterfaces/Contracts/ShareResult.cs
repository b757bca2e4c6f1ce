namespace MedChain.GrainInterfaces.Contracts;

/// <summary>The proxy's answer to a history request: the re-encrypted records (encoded), or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("medchain.ShareResult")]
public sealed record ShareResult(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] string? Refusal,
    [property: Id(2)] byte[][] Records);
