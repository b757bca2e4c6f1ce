namespace MedChain.Grains.Ledger;

/// <summary>A replica's stored head; its blocks are objects of the block store.</summary>
public sealed class ReplicaState
{
    /// <summary>Height of the last stored block; -1 when none.</summary>
    public long Height { get; set; } = -1;

    /// <summary>Encoded header of the last stored block.</summary>
    public byte[] HeadHeader { get; set; } = [];
}
