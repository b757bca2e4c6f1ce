namespace MedChain.Protocol.Ledger;

/// <summary>The outcome of validating a chain: valid, or the first bad height and why.</summary>
public sealed record ChainValidationResult(ChainFailure Failure, long? FirstBadHeight, string? Detail)
{
    /// <summary>The result for a valid chain.</summary>
    public static ChainValidationResult Valid { get; } = new(ChainFailure.None, null, null);

    /// <summary>True when nothing failed.</summary>
    public bool IsValid => Failure == ChainFailure.None;
}
