using MedChain.GrainInterfaces;

namespace MedChain.Grains.Hospital;

/// <summary>A hospital chain's ledger replicas ("{hospitalId}/{n}"), and handing them sealed blocks.</summary>
internal sealed class ReplicaSet(IGrainFactory grains, string hospitalId, int count)
{
    /// <summary>Every replica of the chain.</summary>
    public IReadOnlyList<ILedgerReplicaGrain> All { get; } =
        [.. Enumerable.Range(0, count).Select(n => grains.GetGrain<ILedgerReplicaGrain>($"{hospitalId}/{n}"))];

    /// <summary>Sends a sealed block to every replica without waiting: a replica that misses one fetches it with the next.</summary>
    public void HandOver(byte[] encodedBlock)
    {
        foreach (ILedgerReplicaGrain replica in All)
        {
            replica.AppendAsync(encodedBlock).Ignore();
        }
    }
}
