using System.Security.Cryptography;
using System.Text;
using MedChain.Crypto;

namespace MedChain.Protocol.Hashing;

/// <summary>
/// The scheme's hash functions, each with its own domain tag (<see cref="DomainTags"/>), over
/// canonical encodings of fixed length, so that concatenations are unambiguous:
/// H1: {0,1}* -> G1 (hash onto the curve); H2: GT -> {0,1}^k, SHA-256 of the tag and the element;
/// H3: G1 x {0,1}^k x {0,1}^l -> Z_r, hash to Z_r of C1 || C3 || C4;
/// F: GT x G1 x {0,1}^k -> {0,1}^l, HKDF-SHA-256 with the tag as salt, K as input key material
/// and C1 || C3 as info.
/// </summary>
public sealed class SchemeHashes
{
    /// <summary>Bytes of H2's output (k = 256 bits).</summary>
    public const int H2Length = 32;

    /// <summary>Bytes of F's output (l = 1024 bits).</summary>
    public const int FLength = 128;

    private readonly PairingGroup _group;

    internal SchemeHashes(PairingGroup group)
    {
        _group = group;
    }

    /// <summary>H1(data).</summary>
    public G1Point H1(ReadOnlySpan<byte> data) => _group.HashToG1(data, DomainTags.H1);

    /// <summary>H2(U) = SHA-256(len(tag) || tag || U).</summary>
    public byte[] H2(GtElement u)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([(byte)DomainTags.H2.Length]);
        sha.AppendData(DomainTags.H2);
        sha.AppendData(u.Encode());
        return sha.GetHashAndReset();
    }

    /// <summary>H3(C1, C3, C4) in Z_r.</summary>
    public Scalar H3(G1Point c1, ReadOnlySpan<byte> c3, ReadOnlySpan<byte> c4)
    {
        byte[] c1Bytes = c1.Encode();
        byte[] input = new byte[c1Bytes.Length + c3.Length + c4.Length];
        c1Bytes.CopyTo(input, 0);
        c3.CopyTo(input.AsSpan(c1Bytes.Length));
        c4.CopyTo(input.AsSpan(c1Bytes.Length + c3.Length));
        return _group.HashToScalar(input, DomainTags.H3);
    }

    /// <summary>F(K, C1, C3): l = 1024 bits.</summary>
    public byte[] F(GtElement k, G1Point c1, ReadOnlySpan<byte> c3)
    {
        byte[] ikm = k.Encode();
        byte[] c1Bytes = c1.Encode();
        byte[] info = new byte[c1Bytes.Length + c3.Length];
        c1Bytes.CopyTo(info, 0);
        c3.CopyTo(info.AsSpan(c1Bytes.Length));
        byte[] prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, DomainTags.F.ToArray());
        byte[] okm = HKDF.Expand(HashAlgorithmName.SHA256, prk, FLength, info);
        CryptographicOperations.ZeroMemory(ikm);
        CryptographicOperations.ZeroMemory(prk);
        return okm;
    }

    /// <summary>
    /// The symptom t in Z_r* for a symptom code such as the ICD-10 "R50.9" (trimmed, upper-cased).
    /// </summary>
    public Scalar Symptom(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        byte[] bytes = Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant());
        Scalar t = _group.HashToScalar(bytes, DomainTags.Symptom);
        // Zero has probability 2^-|r|; refuse it rather than return a key that erases the keyword.
        return t.IsZero ? throw new InvalidOperationException("Symptom hashes to zero.") : t;
    }
}
