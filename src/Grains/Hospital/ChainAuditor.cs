using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using MedChain.Protocol.Ledger;

namespace MedChain.Grains.Hospital;

/// <summary>
/// What an audit found consistent: the chain up to <see cref="Height"/>, whose last block is
/// <see cref="Last"/>, with the storage version of every block it validated.
/// </summary>
internal sealed record AuditMark(long Height, Block Last, IReadOnlyDictionary<long, string> Versions);

/// <summary>
/// The audit of a hospital chain: every block validated as its predecessor's successor (the ledger
/// nodes' check, on the crypto threads), compared byte for byte with each replica's copy, and the
/// head's header compared with the stored last block. After a consistent audit the next one is
/// incremental: one listing of the blocks' storage versions shows that none it validated was
/// replaced or removed (else it starts again from genesis), and only the blocks sealed since are
/// validated and compared with the replicas.
/// </summary>
internal sealed class ChainAuditor(string chain, SealedChain sealedChain, IBlockStore blocks, ChainValidator validator,
    IReadOnlyList<ILedgerReplicaGrain> replicas, CryptoWorkers workers)
{
    /// <summary>
    /// Audits up to <paramref name="height"/> with head header <paramref name="headHeader"/> (the
    /// head as it was when the audit began), from <paramref name="mark"/> on when it still holds (a
    /// full audit without one). A lagging replica is reported and handed the last block again
    /// (through <paramref name="handOver"/>), so that it fetches what it missed. Returns the report
    /// and, when consistent, the mark for the next audit.
    /// </summary>
    public async Task<(AuditReport Report, AuditMark? Mark)> AuditAsync(long height, byte[] headHeader, Action<byte[]> handOver, AuditMark? mark)
    {
        long[] replicaHeights = await Task.WhenAll(replicas.Select(r => r.GetHeightAsync()));
        IReadOnlyDictionary<long, string> versions = await blocks.VersionsAsync(chain);
        if (mark is not null && (mark.Height > height || !Unchanged(mark, versions)))
        {
            mark = null;
        }
        long from = mark is null ? 0 : mark.Height + 1;
        Block? previous = mark?.Last;
        for (long h = from; h <= height; h++)
        {
            byte[]? bytes = await sealedChain.ReadAsync(h);
            if (bytes is null || !Block.TryDecode(bytes, out Block? block))
            {
                return (new AuditReport(false, height, h, "primary block missing or malformed", replicaHeights, from), null);
            }
            Block? before = previous;
            ChainValidationResult result = await workers.RunAsync(() => validator.ValidateNext(block!, before));
            if (!result.IsValid)
            {
                return (new AuditReport(false, height, h, $"primary: {result.Failure}: {result.Detail}", replicaHeights, from), null);
            }
            for (int n = 0; n < replicas.Count; n++)
            {
                if (h <= replicaHeights[n] && !(await replicas[n].GetBlockAsync(h) ?? []).AsSpan().SequenceEqual(bytes))
                {
                    return (new AuditReport(false, height, h, $"replica {n} differs", replicaHeights, from), null);
                }
            }
            previous = block;
        }
        if (headHeader.Length > 0 && previous is not null && !previous.Header.Encode().AsSpan().SequenceEqual(headHeader))
        {
            return (new AuditReport(false, height, height, "primary head does not match the stored block", replicaHeights, from), null);
        }
        int lagging = Array.FindIndex(replicaHeights, h => h < height);
        if (lagging >= 0 && previous is not null)
        {
            // Behind is not divergent, but it is reported, and the head is handed over again.
            handOver(previous.Encode());
            return (new AuditReport(false, height, replicaHeights[lagging] + 1, $"replica {lagging} is behind", replicaHeights, from), null);
        }
        return (new AuditReport(true, height, null, null, replicaHeights, from), previous is null ? null : new AuditMark(height, previous, versions));
    }

    /// <summary>True when every block the mark validated is still stored in the version it validated.</summary>
    private static bool Unchanged(AuditMark mark, IReadOnlyDictionary<long, string> versions)
    {
        for (long h = 0; h <= mark.Height; h++)
        {
            if (!mark.Versions.TryGetValue(h, out string? then) || !versions.TryGetValue(h, out string? now) || then != now)
            {
                return false;
            }
        }
        return true;
    }
}
