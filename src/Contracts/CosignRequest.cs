namespace MedChain.Contracts;

/// <summary>A checkpoint note as the cluster signed it, with the witness's cosignature line added.</summary>
public sealed record CosignRequest(string Note);
