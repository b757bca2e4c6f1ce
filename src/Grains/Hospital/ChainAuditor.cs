using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Ledger;

namespace MedChain.Grains.Hospital;

/// <summary>
/// The audit of a hospital chain: every block from genesis to the head validated as its
/// predecessor's successor (the ledger nodes' check, on the crypto threads), compared byte for
/// byte with each replica's copy, and the head's header compared with the stored last block.
/// </summary>
internal sealed class ChainAuditor(SealedChain chain, ChainValidator validator, IReadOnlyList<ILedgerReplicaGrain> replicas, CryptoWorkers workers)
{
    /// <summary>
    /// Audits up to <paramref name="height"/> with head header <paramref name="headHeader"/> (the
    /// head as it was when the audit began). A lagging replica is reported and handed the last
    /// block again (through <paramref name="handOver"/>), so that it fetches what it missed.
    /// </summary>
    public async Task<AuditReport> AuditAsync(long height, byte[] headHeader, Action<byte[]> handOver)
    {
        long[] replicaHeights = await Task.WhenAll(replicas.Select(r => r.GetHeightAsync()));
        Block? previous = null;
        for (long h = 0; h <= height; h++)
        {
            byte[]? bytes = await chain.ReadAsync(h);
            if (bytes is null || !Block.TryDecode(bytes, out Block? block))
            {
                return new AuditReport(false, height, h, "primary block missing or malformed", replicaHeights);
            }
            Block? before = previous;
            ChainValidationResult result = await workers.RunAsync(() => validator.ValidateNext(block!, before));
            if (!result.IsValid)
            {
                return new AuditReport(false, height, h, $"primary: {result.Failure}: {result.Detail}", replicaHeights);
            }
            for (int n = 0; n < replicas.Count; n++)
            {
                if (h <= replicaHeights[n] && !(await replicas[n].GetBlockAsync(h) ?? []).AsSpan().SequenceEqual(bytes))
                {
                    return new AuditReport(false, height, h, $"replica {n} differs", replicaHeights);
                }
            }
            previous = block;
        }
        if (headHeader.Length > 0 && previous is not null && !previous.Header.Encode().AsSpan().SequenceEqual(headHeader))
        {
            return new AuditReport(false, height, height, "primary head does not match the stored block", replicaHeights);
        }
        int lagging = Array.FindIndex(replicaHeights, h => h < height);
        if (lagging >= 0 && previous is not null)
        {
            // Behind is not divergent, but it is reported, and the head is handed over again.
            handOver(previous.Encode());
            return new AuditReport(false, height, replicaHeights[lagging] + 1, $"replica {lagging} is behind", replicaHeights);
        }
        return new AuditReport(true, height, null, null, replicaHeights);
    }
}
