namespace MedChain.Contracts;

/// <summary>A hospital chain's head: height of the last sealed block (-1 before genesis), its header hash (hex), records pending.</summary>
public sealed record ChainHeadInfo(long Height, string? HeaderHash, int Pending);
