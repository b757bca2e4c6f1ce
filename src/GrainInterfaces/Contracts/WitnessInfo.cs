namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A registered witness: its name (in its cosignature lines) and public key (compressed).</summary>
[GenerateSerializer, Immutable, Alias("medchain.WitnessInfo")]
public sealed record WitnessInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] byte[] PublicKey);
