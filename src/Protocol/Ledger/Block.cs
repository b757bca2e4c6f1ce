using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Ledger;

/// <summary>A sealed block: header, the hospital's Schnorr signature over the header's hash, and the records.</summary>
public sealed record Block(BlockHeader Header, byte[] Signature, IReadOnlyList<LedgerRecord> Records)
{
    /// <summary>
    /// Seals records into the block that follows the one with header <paramref name="previous"/>
    /// (null for genesis), signed with the hospital's key.
    /// </summary>
    public static Block Seal(SecretKey hospital, byte[] hospitalPid, BlockHeader? previous, IReadOnlyList<LedgerRecord> records, DateTimeOffset time)
    {
        byte[] root = MerkleTree.Root(records.Select(r => r.LeafHash()).ToList());
        var header = new BlockHeader(
            hospitalPid,
            previous is null ? 0 : previous.Height + 1,
            time.ToUnixTimeMilliseconds(),
            previous?.Hash() ?? new byte[BlockHeader.HashLength],
            root,
            records.Count);
        byte[] signature = SchnorrSignature.Sign(hospital, SignaturePurpose.BlockHeader, header.Hash()).Encode();
        return new Block(header, signature, records);
    }

    /// <summary>Largest encoded block: the policy's records at their largest, plus header and signature.</summary>
    public const int MaxEncodedLength = 16 * LedgerRecord.MaxEncodedLength;

    /// <summary>version (1) || header || signature || record count || records, each length-prefixed.</summary>
    public byte[] Encode()
    {
        CanonicalWriter w = new CanonicalWriter().Byte(1).Bytes(Header.Encode()).Bytes(Signature).UInt32((uint)Records.Count);
        foreach (LedgerRecord record in Records)
        {
            w.Bytes(record.Encode());
        }
        return w.ToArray();
    }

    /// <summary>Reads <see cref="Encode"/>'s form; false when malformed (nothing is validated beyond the format).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Block? block)
    {
        block = null;
        var r = new CanonicalReader(encoded);
        if (encoded.Length > MaxEncodedLength
            || !r.TryByte(out byte version) || version != 1
            || !r.TryBytes(8192, out byte[] headerBytes) || !BlockHeader.TryDecode(headerBytes, out BlockHeader? header)
            || !r.TryBytes(4096, out byte[] signature)
            || !r.TryUInt32(out uint count) || count > 1024)
        {
            return false;
        }
        var records = new List<LedgerRecord>((int)count);
        for (int i = 0; i < count; i++)
        {
            if (!r.TryBytes(LedgerRecord.MaxEncodedLength, out byte[] recordBytes) || !LedgerRecord.TryDecode(recordBytes, out LedgerRecord? record))
            {
                return false;
            }
            records.Add(record!);
        }
        if (!r.AtEnd)
        {
            return false;
        }
        block = new Block(header!, signature, records);
        return true;
    }
}
