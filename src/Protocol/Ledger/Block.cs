using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Ledger;

/// <summary>A sealed block: header, the hospital's Schnorr signature over the header's hash, and the records.</summary>
public sealed record Block(BlockHeader Header, byte[] Signature, IReadOnlyList<LedgerRecord> Records)
{
    /// <summary>
    /// Seals records into the block that follows <paramref name="previous"/> (null for genesis),
    /// signed with the hospital's key.
    /// </summary>
    public static Block Seal(SecretKey hospital, byte[] hospitalPid, Block? previous, IReadOnlyList<LedgerRecord> records, DateTimeOffset time)
    {
        byte[] root = MerkleTree.Root(records.Select(r => r.LeafHash()).ToList());
        var header = new BlockHeader(
            hospitalPid,
            previous is null ? 0 : previous.Header.Height + 1,
            time.ToUnixTimeMilliseconds(),
            previous?.Header.Hash() ?? new byte[BlockHeader.HashLength],
            root,
            records.Count);
        byte[] signature = SchnorrSignature.Sign(hospital, header.Hash()).Encode();
        return new Block(header, signature, records);
    }
}
