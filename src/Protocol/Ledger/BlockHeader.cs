using System.Security.Cryptography;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// A block header: the hospital's pseudo identity, the height (genesis = 0), the sealing time
/// (Unix milliseconds), the hash of the previous header (32 zero bytes for genesis), the RFC 6962
/// Merkle root of the records and their count. <see cref="Hash"/> is SHA-256 over the canonical
/// encoding (<see cref="Encode"/>); the hospital's signature is kept outside the hashed bytes.
/// </summary>
public sealed record BlockHeader(byte[] HospitalPid, long Height, long TimestampMs, byte[] PreviousHash, byte[] MerkleRoot, int RecordCount)
{
    /// <summary>Bytes of a hash.</summary>
    public const int HashLength = 32;

    /// <summary>version (1) || PID (length-prefixed) || height || timestamp || previous hash || Merkle root || count.</summary>
    public byte[] Encode() => new CanonicalWriter()
        .Byte(1).Bytes(HospitalPid).Int64(Height).Int64(TimestampMs)
        .Fixed(PreviousHash).Fixed(MerkleRoot).UInt32((uint)RecordCount)
        .ToArray();

    /// <summary>SHA-256 of the encoding.</summary>
    public byte[] Hash() => SHA256.HashData(Encode());

    /// <summary>Reads <see cref="Encode"/>'s form; false when malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out BlockHeader? header)
    {
        header = null;
        var r = new CanonicalReader(encoded);
        if (!r.TryByte(out byte version) || version != 1
            || !r.TryBytes(4096, out byte[] pid)
            || !r.TryInt64(out long height) || height < 0
            || !r.TryInt64(out long timestamp)
            || !r.TryFixed(HashLength, out byte[] previous)
            || !r.TryFixed(HashLength, out byte[] root)
            || !r.TryUInt32(out uint count) || count > int.MaxValue
            || !r.AtEnd)
        {
            return false;
        }
        header = new BlockHeader(pid, height, timestamp, previous, root, (int)count);
        return true;
    }
}
