using System.Buffers.Binary;

namespace MedChain.Protocol.Ledger;

/// <summary>Reads <see cref="CanonicalWriter"/>'s encoding; every read checks the remaining length.</summary>
internal ref struct CanonicalReader
{
    private ReadOnlySpan<byte> _rest;

    internal CanonicalReader(ReadOnlySpan<byte> bytes)
    {
        _rest = bytes;
    }

    internal readonly bool AtEnd => _rest.IsEmpty;

    internal bool TryByte(out byte value)
    {
        value = 0;
        if (_rest.Length < 1)
        {
            return false;
        }
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    internal bool TryUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < 4)
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return true;
    }

    internal bool TryInt64(out long value)
    {
        value = 0;
        if (_rest.Length < 8)
        {
            return false;
        }
        value = BinaryPrimitives.ReadInt64BigEndian(_rest);
        _rest = _rest[8..];
        return true;
    }

    internal bool TryFixed(int length, out byte[] value)
    {
        value = [];
        if (_rest.Length < length)
        {
            return false;
        }
        value = _rest[..length].ToArray();
        _rest = _rest[length..];
        return true;
    }

    internal bool TryBytes(int maxLength, out byte[] value)
    {
        value = [];
        return TryUInt32(out uint length) && length <= maxLength && TryFixed((int)length, out value);
    }
}
