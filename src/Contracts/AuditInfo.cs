namespace MedChain.Contracts;

/// <summary>A chain audit: consistent or the first bad height and why; the replicas' heights; the newest checkpoint a witness cosigned (null: none yet).</summary>
public sealed record AuditInfo(bool Consistent, long Height, long? FirstBadHeight, string? Reason, long[] ReplicaHeights, WitnessedCheckpointInfo? Witnessed);
