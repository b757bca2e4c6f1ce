using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Signatures;

/// <summary>
/// A Schnorr signature in G1 under a key x with PK = g^x: (c, s) with R = g^k,
/// c = H(purpose || R || PK || message) in Z_r (purpose length-prefixed, see
/// <see cref="SignaturePurpose"/>) and s = k + c*x. Verification recomputes R = g^s * PK^-c and
/// checks c. The nonce k is hedged: derived from x, 32 fresh random bytes, the purpose, PK and the
/// message, so a weak random generator alone cannot leak x, and the same random bytes under two
/// purposes or keys still give two nonces. Encoded as c || s (2|r| bytes).
/// </summary>
public sealed class SchnorrSignature
{
    private readonly Scalar _c;
    private readonly Scalar _s;

    private SchnorrSignature(Scalar c, Scalar s)
    {
        _c = c;
        _s = s;
    }

    /// <summary>Signs a message.</summary>
    public static SchnorrSignature Sign(SecretKey key, string purpose, ReadOnlySpan<byte> message)
    {
        SystemParameters p = key.Parameters;
        byte[] x = key.Export();
        byte[] label = System.Text.Encoding.UTF8.GetBytes(purpose);
        byte[] pk = key.PublicKey.Encode();
        byte[] nonceInput = new byte[x.Length + 32 + 2 + label.Length + pk.Length + message.Length];
        x.CopyTo(nonceInput, 0);
        RandomNumberGenerator.Fill(nonceInput.AsSpan(x.Length, 32));
        int o = x.Length + 32;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(nonceInput.AsSpan(o), checked((ushort)label.Length));
        label.CopyTo(nonceInput, o + 2);
        pk.CopyTo(nonceInput, o + 2 + label.Length);
        message.CopyTo(nonceInput.AsSpan(o + 2 + label.Length + pk.Length));
        using Scalar k = p.Group.HashToScalar(nonceInput, DomainTags.SchnorrNonce);
        CryptographicOperations.ZeroMemory(x);
        CryptographicOperations.ZeroMemory(nonceInput);
        G1Point r = p.Tables.FixedG.Multiply(k);
        Scalar c = Challenge(p, purpose, r, key.PublicKey, message);
        using Scalar cx = c * key.X;
        return new SchnorrSignature(c, k + cx);
    }

    /// <summary>True when this is a signature of the message, for this purpose, under the public key.</summary>
    public bool Verify(SystemParameters parameters, PublicKey key, string purpose, ReadOnlySpan<byte> message)
    {
        if (!ReferenceEquals(_c.Group, parameters.Group))
        {
            return false;
        }
        G1Point r = parameters.Tables.FixedG.Multiply(_s) - key.Power(_c);
        using Scalar c = Challenge(parameters, purpose, r, key, message);
        return c.Equals(_c);
    }

    /// <summary>
    /// True when <paramref name="encodedSignature"/> decodes and is a signature of the message, for
    /// this purpose, under the public key; false for a bad encoding as for a wrong signature.
    /// </summary>
    public static bool TryVerify(SystemParameters parameters, PublicKey key, string purpose, ReadOnlySpan<byte> message, ReadOnlySpan<byte> encodedSignature)
    {
        try
        {
            return Decode(parameters, encodedSignature).Verify(parameters, key, purpose, message);
        }
        catch (EncodingException)
        {
            return false;
        }
    }

    /// <summary>c || s.</summary>
    public byte[] Encode() => [.. _c.Encode(), .. _s.Encode()];

    /// <summary>Decodes (two canonical scalars).</summary>
    /// <exception cref="EncodingException">Invalid encoding.</exception>
    public static SchnorrSignature Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded)
    {
        int n = parameters.Group.ScalarLength;
        if (encoded.Length != 2 * n)
        {
            throw new EncodingException(EncodingError.InvalidLength, "signature");
        }
        return new SchnorrSignature(parameters.Group.DecodeScalar(encoded[..n]), parameters.Group.DecodeScalar(encoded[n..]));
    }

    private static Scalar Challenge(SystemParameters p, string purpose, G1Point r, PublicKey key, ReadOnlySpan<byte> message)
    {
        byte[] label = System.Text.Encoding.UTF8.GetBytes(purpose);
        if (label.Length > 255)
        {
            throw new ArgumentException("The purpose is limited to 255 bytes.", nameof(purpose));
        }
        return p.Group.HashToScalar([(byte)label.Length, .. label, .. r.Encode(), .. key.Encode(), .. message], DomainTags.Schnorr);
    }
}
