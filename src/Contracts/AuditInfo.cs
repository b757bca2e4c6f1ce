namespace MedChain.Contracts;

/// <summary>
/// A chain audit: consistent or the first bad height and why; the replicas' heights; the newest
/// checkpoint a witness cosigned (null: none yet); the first height this audit validated (0 for a
/// full audit; later when it went on from an earlier one whose blocks are unchanged in storage).
/// </summary>
public sealed record AuditInfo(bool Consistent, long Height, long? FirstBadHeight, string? Reason, long[] ReplicaHeights, WitnessedCheckpointInfo? Witnessed, long ValidatedFrom);
