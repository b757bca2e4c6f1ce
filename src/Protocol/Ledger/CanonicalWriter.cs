using System.Buffers.Binary;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// The ledger's canonical byte encoding: fixed-width big-endian integers and byte strings
/// prefixed by a 4-byte big-endian length, so that every value has exactly one encoding.
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly List<byte> _bytes = [];

    internal CanonicalWriter Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    internal CanonicalWriter UInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    internal CanonicalWriter Int64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    internal CanonicalWriter Fixed(ReadOnlySpan<byte> value)
    {
        _bytes.AddRange(value.ToArray());
        return this;
    }

    internal CanonicalWriter Bytes(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        return Fixed(value);
    }

    internal byte[] ToArray() => [.. _bytes];
}
