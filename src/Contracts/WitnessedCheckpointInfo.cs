namespace MedChain.Contracts;

/// <summary>A log's newest checkpoint cosigned by a registered witness: size, root (hex), the witnesses, when, and the note.</summary>
public sealed record WitnessedCheckpointInfo(long Size, string Root, string[] Witnesses, long AtMs, string Note);
