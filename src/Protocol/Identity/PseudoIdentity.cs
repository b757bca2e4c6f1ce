using MedChain.Crypto.Encoding;

namespace MedChain.Protocol.Identity;

/// <summary>
/// A pseudo identity PID = E(ID xor lambda || lambda) (III.B for hospitals, PID_i; III.C for
/// patients, PID_ij): an opaque, unlinkable name that only its issuer can open
/// (<see cref="PseudonymIssuer"/>). <see cref="Length"/> bytes: nonce, ciphertext, tag.
/// </summary>
public sealed class PseudoIdentity : IEquatable<PseudoIdentity>
{
    /// <summary>Bytes of a PID.</summary>
    public const int Length = PseudonymIssuer.PidLength;

    private readonly byte[] _value;

    internal PseudoIdentity(byte[] value)
    {
        _value = value;
    }

    /// <summary>The PID's bytes.</summary>
    public byte[] Encode() => (byte[])_value.Clone();

    /// <summary>Reads a PID (only the length can be checked without the issuer's key).</summary>
    /// <exception cref="EncodingException">Wrong length.</exception>
    public static PseudoIdentity Decode(ReadOnlySpan<byte> encoded) =>
        encoded.Length == Length ? new PseudoIdentity(encoded.ToArray()) : throw new EncodingException(EncodingError.InvalidLength, "pseudo identity");

    /// <inheritdoc/>
    public bool Equals(PseudoIdentity? other) => other is not null && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PseudoIdentity);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_value, 0);

    /// <summary>Base64 of the bytes.</summary>
    public override string ToString() => Convert.ToBase64String(_value);

    internal ReadOnlySpan<byte> Span => _value;
}
