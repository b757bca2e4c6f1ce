using MedChain.Crypto;
using MedChain.Crypto.Encoding;

namespace MedChain.Protocol.Keys;

/// <summary>
/// A participant's public key PK = g^x (SM: Y, hospital: PK_i, doctor: PK_s, patient: PK_ij).
/// Keys used as the base of many powers (a hospital's key for every envelope sent to it, a patient's
/// key on his doctor's device) get a fixed-base table after <see cref="TableThreshold"/> uses:
/// about 0.5 MB at level 128, and powers 4x faster.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    /// <summary>Powers of this key computed before its fixed-base table is built.</summary>
    public const int TableThreshold = 4;

    private int _uses;
    private G1FixedBase? _table;

    internal PublicKey(G1Point point)
    {
        Point = point;
    }

    /// <summary>The point g^x; never the identity.</summary>
    public G1Point Point { get; }

    /// <summary>Compressed encoding (1 + |q| bytes).</summary>
    public byte[] Encode() => Point.Encode();

    /// <summary>Decodes and validates a public key (canonical, on the curve, in G1, not the identity).</summary>
    /// <exception cref="EncodingException">The bytes are not a valid public key.</exception>
    public static PublicKey Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded) =>
        new(parameters.Group.DecodeG1(encoded));

    /// <summary>Decodes a public key; false and why when invalid.</summary>
    public static bool TryDecode(SystemParameters parameters, ReadOnlySpan<byte> encoded, out PublicKey? key, out EncodingError error)
    {
        key = parameters.Group.TryDecodeG1(encoded, out G1Point? p, out error) ? new PublicKey(p) : null;
        return key is not null;
    }

    /// <summary>PK^k for a secret k (constant-time), from the key's table once it has been used often.</summary>
    internal G1Point Power(Scalar k)
    {
        G1FixedBase? table = _table;
        if (table is null && Interlocked.Increment(ref _uses) > TableThreshold)
        {
            table = Point.Group.CreateFixedBase(Point);
            Interlocked.CompareExchange(ref _table, table, null);
        }
        return table is null ? Point.Multiply(k) : table.Multiply(k);
    }

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) => other is not null && Point.Equals(other.Point);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Point.GetHashCode();
}
