using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Records;

/// <summary>
/// The ciphertext C_ij = (C1, C2, C3, C4, C5) of section III.C, for patient key PK_j, symptom t
/// and randomness r:
/// C1 = g1^r; C2 = PK_j^r; C3 = H2(U) with U = e(g, g2^t)^r, the keyword tag the trapdoor test
/// matches; C4 = [F(K, C1, C3)]_(l-l1) || ([F(K, C1, C3)]_(l1) xor m) with K = e(g, g)^r, which
/// hides the l1-bit plaintext m and lets the decryptor check K; C5 = (u^h v d)^r with
/// h = H3(C1, C3, C4), which makes the ciphertext publicly verifiable. We check the strengthened
/// e(C1, PK_j^a u^h v d) = e(g1, C2^a C5) with a = H(C1..C5) (<see cref="RecordEncryption.IsValid"/>;
/// the paper's e(C1, PK_j u^h v d) = e(g1, C2 C5) constrains only the product C2 C5).
/// Encoded as C1 || C2 || C3 || C4 || C5 with uncompressed points (fixed length per level):
/// every verifier decodes them, and decompression costs a square root (3 ms at level 128).
/// </summary>
public sealed class RecordCiphertext
{
    internal RecordCiphertext(G1Point c1, G1Point c2, byte[] c3, byte[] c4, G1Point c5)
    {
        C1 = c1;
        C2 = c2;
        C3 = c3;
        C4 = c4;
        C5 = c5;
    }

    /// <summary>C1 = g1^r.</summary>
    public G1Point C1 { get; }

    /// <summary>C2 = PK_j^r (the part re-encryption transforms).</summary>
    public G1Point C2 { get; }

    /// <summary>C3 = H2(e(g, g2^t)^r), k = 256 bits.</summary>
    public ReadOnlyMemory<byte> C3 { get; }

    /// <summary>C4, l = 1024 bits: check half then masked m.</summary>
    public ReadOnlyMemory<byte> C4 { get; }

    /// <summary>C5 = (u^h v d)^r.</summary>
    public G1Point C5 { get; }

    /// <summary>Length of the encoding for a parameter set.</summary>
    public static int EncodedLength(SystemParameters parameters) =>
        3 * parameters.Group.G1UncompressedLength + SchemeHashes.H2Length + SchemeHashes.FLength;

    /// <summary>C1 || C2 || C3 || C4 || C5.</summary>
    public byte[] Encode()
    {
        byte[] c1 = C1.Encode(compressed: false);
        byte[] c2 = C2.Encode(compressed: false);
        byte[] c5 = C5.Encode(compressed: false);
        byte[] result = new byte[c1.Length + c2.Length + C3.Length + C4.Length + c5.Length];
        int o = 0;
        foreach (ReadOnlyMemory<byte> part in new ReadOnlyMemory<byte>[] { c1, c2, C3, C4, c5 })
        {
            part.Span.CopyTo(result.AsSpan(o));
            o += part.Length;
        }
        return result;
    }

    /// <summary>Decodes and validates the encoding (lengths, points in G1 and not the identity).</summary>
    /// <exception cref="EncodingException">Some part is invalid; the message names it.</exception>
    public static RecordCiphertext Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded)
    {
        int n = parameters.Group.G1UncompressedLength;
        if (encoded.Length != EncodedLength(parameters))
        {
            throw new EncodingException(EncodingError.InvalidLength, "record ciphertext");
        }
        G1Point c1 = Point(parameters, encoded[..n], "C1");
        G1Point c2 = Point(parameters, encoded.Slice(n, n), "C2");
        byte[] c3 = encoded.Slice(2 * n, SchemeHashes.H2Length).ToArray();
        byte[] c4 = encoded.Slice(2 * n + SchemeHashes.H2Length, SchemeHashes.FLength).ToArray();
        G1Point c5 = Point(parameters, encoded[^n..], "C5");
        return new RecordCiphertext(c1, c2, c3, c4, c5);
    }

    /// <summary>h = H3(C1, C3, C4).</summary>
    internal Scalar H(SystemParameters parameters) => parameters.Hashes.H3(C1, C3.Span, C4.Span);

    private static G1Point Point(SystemParameters parameters, ReadOnlySpan<byte> bytes, string name) =>
        parameters.Group.TryDecodeG1(bytes, out G1Point? p, out EncodingError error)
            ? p
            : throw new EncodingException(error, $"record ciphertext {name}");
}
