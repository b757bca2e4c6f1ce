namespace MedChain.GrainInterfaces.Contracts;

/// <summary>The proxy's answer to a history request: the re-encrypted records (encoded), or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("medchain.ShareResult")]
public sealed record ShareResult(
    [property: Id(0)] ShareRefusal Refusal,
    [property: Id(1)] byte[][] Records)
{
    /// <summary>True when the request was allowed.</summary>
    public bool Allowed => Refusal == ShareRefusal.None;
}
