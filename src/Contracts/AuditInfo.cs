namespace MedChain.Contracts;

/// <summary>A chain audit: consistent or the first bad height and why; the replicas' heights.</summary>
public sealed record AuditInfo(bool Consistent, long Height, long? FirstBadHeight, string? Reason, long[] ReplicaHeights);
