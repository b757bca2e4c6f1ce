namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The hospital's answer to a broadcast. Accepted means verified and durably stored in the pending
/// pool: it will be sealed into a block. RecordId is the hex SHA-256 Merkle leaf hash of the record.
/// Otherwise Failure names the check that refused it.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.BroadcastReceipt")]
public sealed record BroadcastReceipt(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? RecordId,
    [property: Id(2)] string? Failure);
