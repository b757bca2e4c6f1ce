namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The outcome of auditing a hospital chain: the primary chain validated block by block, then
/// compared with every replica. When something is wrong, the first bad height and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.AuditReport")]
public sealed record AuditReport(
    [property: Id(0)] bool Consistent,
    [property: Id(1)] long Height,
    [property: Id(2)] long? FirstBadHeight,
    [property: Id(3)] string? Reason,
    [property: Id(4)] long[] ReplicaHeights);
