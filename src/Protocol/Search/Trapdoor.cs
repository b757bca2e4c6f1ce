using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Search;

/// <summary>
/// A patient's search trapdoor U_alpha = (U1, U2) for symptom t, addressed to hospital HO_i
/// (III.E step 5): U1 = g^r', U2 = W * M with W = (g2^t)^(1/x_j) and the mask M derived from the
/// Diffie-Hellman value PK_i^r' = U1^x_i that only the patient and HO_i can compute, so only HO_i
/// can unmask W; W is useless without C2 = PK_j^r of the patient's own records:
/// e(C2, W) = e(g, g2)^(t r). The paper's mask is H1(PK_i^r'); ours is g^H(PK_i^r') with H a hash
/// to Z_r (docs/deviations.md): it only has to hide W from outsiders, for which a
/// pseudo-random group element from the shared secret suffices, and a fixed-base power is 25x
/// cheaper than hashing onto the curve. Known weakness of the paper's construction: the addressed
/// server, holding W, can test symptom codes offline (e(W, PK_j) = e(g, g2)^t) and link searches
/// for the same symptom. Encoded as U1 || U2 (uncompressed: the server decodes them).
/// </summary>
public sealed class Trapdoor
{
    internal Trapdoor(G1Point u1, G1Point u2)
    {
        U1 = u1;
        U2 = u2;
    }

    /// <summary>U1 = g^r'.</summary>
    public G1Point U1 { get; }

    /// <summary>U2 = (g2^t)^(1/x_j) * g^H(PK_i^r').</summary>
    public G1Point U2 { get; }

    /// <summary>The patient's side: a fresh trapdoor for symptom t, readable only by the hospital with key PK_i.</summary>
    public static Trapdoor Create(SystemParameters parameters, SecretKey patient, PublicKey hospital, Scalar symptom)
    {
        if (symptom.IsZero)
        {
            throw new ArgumentException("The symptom must not be zero.", nameof(symptom));
        }
        SystemParameters.Precomputation t = parameters.Tables;
        using Scalar rPrime = parameters.Group.RandomNonZeroScalar();
        G1Point u1 = t.FixedG.Multiply(rPrime);
        G1Point mask = Mask(parameters, hospital.Power(rPrime));
        using Scalar inverse = patient.X.Invert();
        using Scalar exponent = symptom * inverse;
        G1Point w = t.FixedG2.Multiply(exponent);
        return new Trapdoor(u1, w + mask);
    }

    /// <summary>U1 || U2.</summary>
    public byte[] Encode() => [.. U1.Encode(compressed: false), .. U2.Encode(compressed: false)];

    /// <summary>Decodes and validates a trapdoor (two points of G1, not the identity).</summary>
    /// <exception cref="EncodingException">Invalid encoding.</exception>
    public static Trapdoor Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded)
    {
        int n = parameters.Group.G1UncompressedLength;
        if (encoded.Length != 2 * n)
        {
            throw new EncodingException(EncodingError.InvalidLength, "trapdoor");
        }
        return new Trapdoor(parameters.Group.DecodeG1(encoded[..n]), parameters.Group.DecodeG1(encoded[n..]));
    }

    /// <summary>The mask g^H(PK_i^r') = g^H(U1^x_i).</summary>
    internal static G1Point Mask(SystemParameters parameters, G1Point sharedPoint)
    {
        byte[] shared = sharedPoint.Encode();
        using Scalar h = parameters.Group.HashToScalar(shared, DomainTags.TrapdoorMask);
        CryptographicOperations.ZeroMemory(shared);
        return parameters.Tables.FixedG.Multiply(h);
    }
}
