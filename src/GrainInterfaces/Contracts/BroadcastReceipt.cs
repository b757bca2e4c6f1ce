using MedChain.Protocol.Records;

namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The hospital's answer to a broadcast: the server's verdict and, when it is
/// <see cref="BroadcastCheck.Valid"/>, the ledger record id (the hex of its Merkle leaf hash). A
/// valid record is verified and durably stored in the pending pool: it will be sealed into a block.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.BroadcastReceipt")]
public sealed record BroadcastReceipt(
    [property: Id(0)] BroadcastCheck Check,
    [property: Id(1)] string? RecordId)
{
    /// <summary>True when the record was accepted and stored.</summary>
    public bool Accepted => Check == BroadcastCheck.Valid;
}
