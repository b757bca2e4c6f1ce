using MedChain.Crypto;
using MedChain.Crypto.Encoding;

namespace MedChain.Protocol.Keys;

/// <summary>A participant's public key PK = g^x (SM: Y, hospital: PK_i, doctor: PK_s, patient: PK_ij).</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
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

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) => other is not null && Point.Equals(other.Point);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Point.GetHashCode();
}
