namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The outcome of auditing a hospital chain: the primary chain validated block by block, then
/// compared with every replica. When something is wrong, the first bad height and why.
/// <see cref="ValidatedFrom"/> is the first height this audit validated: 0 for a full audit, later
/// when it went on from an earlier consistent audit whose blocks storage still holds unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.AuditReport")]
public sealed record AuditReport(
    [property: Id(0)] bool Consistent,
    [property: Id(1)] long Height,
    [property: Id(2)] long? FirstBadHeight,
    [property: Id(3)] string? Reason,
    [property: Id(4)] long[] ReplicaHeights,
    [property: Id(5)] long ValidatedFrom);
