using System.Numerics;
using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Records;

/// <summary>
/// Encryption of a diagnosis for a patient under a symptom keyword (III.C), the public validity
/// check (III.D/E) and decryption with the recovered K (III.E step 7).
/// </summary>
public static class RecordEncryption
{
    /// <summary>
    /// The doctor's side: fresh r and m, C1..C5 for patient key PK_j and symptom t, and the body
    /// sealed under m. The costly powers use the parameters' tables: C1, the GT powers
    /// e(g,g2)^(t r) and e(g,g)^r, and C5 = u^(h r) (v d)^r; only C2 = PK_j^r takes a full
    /// scalar multiplication.
    /// </summary>
    public static SealedRecord Encrypt(SystemParameters parameters, PublicKey patient, Scalar symptom, ReadOnlySpan<byte> body)
    {
        if (symptom.IsZero)
        {
            throw new ArgumentException("The symptom must not be zero.", nameof(symptom));
        }
        if (body.Length > SealedRecord.MaxBodyLength)
        {
            throw new ArgumentException($"The body is limited to {SealedRecord.MaxBodyLength} bytes.", nameof(body));
        }
        SystemParameters.Precomputation t = parameters.Tables;
        using Scalar r = parameters.Group.RandomNonZeroScalar();
        G1Point c1 = t.FixedG1.Multiply(r);
        G1Point c2 = patient.Power(r);
        using Scalar tr = symptom * r;
        byte[] c3 = parameters.Hashes.H2(t.FixedEgg2.Pow(tr));
        GtElement k = t.FixedEgg.Pow(r);
        byte[] m = RecordMessage.Create();
        byte[] c4 = parameters.Hashes.F(k, c1, c3);
        Xor(c4.AsSpan(c4.Length - RecordMessage.Length), m);
        using Scalar h = parameters.Hashes.H3(c1, c3, c4);
        using Scalar hr = h * r;
        G1Point c5 = t.FixedU.Multiply(hr) + t.FixedVD.Multiply(r);
        var header = new RecordCiphertext(c1, c2, c3, c4, c5);
        byte[] sealedBody = RecordMessage.Seal(m, body, header.Encode());
        CryptographicOperations.ZeroMemory(m);
        return new SealedRecord(header, sealedBody);
    }

    /// <summary>
    /// The validity check. The paper's e(C1, PK_j u^h v d) = e(g1, C2 C5) constrains only the
    /// product C2*C5: C2*X with C5/X passes it. We check e(C1, PK_j^a u^h v d) = e(g1, C2^a C5)
    /// with a 128-bit a = H(C1..C5) (docs/deviations.md), which honest ciphertexts satisfy
    /// (both sides are e(g1, PK_j^a u^h v d)^r) and which such a split no longer passes. Computed as
    /// one product e(C1, PK_j^a u^h v d) * e(-g1, C2^a C5) = 1 with one shared final exponentiation
    /// (the -g1 lines are precomputed). Anyone holding the public values can run it: the hospital
    /// server before accepting a record, the SM before re-encrypting.
    /// </summary>
    public static bool IsValid(SystemParameters parameters, PublicKey patient, RecordCiphertext c)
    {
        SystemParameters.Precomputation t = parameters.Tables;
        using Scalar h = c.H(parameters);
        BigInteger a = BindingExponent(c);
        G1Point w = patient.Point.MultiplyPublic(a) + t.FixedU.Multiply(h) + t.VD;
        MillerValue left = parameters.Group.MillerLoop([c.C1], [w]);
        MillerValue right = t.PreparedNegG1.MillerLoop(c.C2.MultiplyPublic(a) + c.C5);
        return parameters.Group.FinalExponentiation(left.Multiply(right)).IsOne;
    }

    /// <summary>a = the first 128 bits of SHA-256(tag || C1 || C2 || C3 || C4 || C5).</summary>
    private static BigInteger BindingExponent(RecordCiphertext c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(DomainTags.Validity);
        sha.AppendData(c.Encode());
        byte[] digest = sha.GetHashAndReset();
        return new BigInteger(digest.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>
    /// Decryption with K = e(g, g)^r however it was recovered (III.E step 7): checks
    /// [F(K, C1, C3)]_(l-l1) = [C4]_(l-l1), recovers m, checks its format, opens the body.
    /// </summary>
    /// <exception cref="CryptographicException">K does not fit the ciphertext, or the body was changed.</exception>
    public static byte[] Open(SystemParameters parameters, GtElement k, SealedRecord record)
    {
        RecordCiphertext c = record.Header;
        byte[] f = parameters.Hashes.F(k, c.C1, c.C3.Span);
        int checkLength = f.Length - RecordMessage.Length;
        if (!CryptographicOperations.FixedTimeEquals(f.AsSpan(0, checkLength), c.C4.Span[..checkLength]))
        {
            throw new CryptographicException("The key does not fit this record.");
        }
        byte[] m = f[checkLength..];
        Xor(m, c.C4.Span[checkLength..]);
        try
        {
            if (!RecordMessage.IsWellFormed(m))
            {
                throw new CryptographicException("The record's plaintext header is malformed.");
            }
            return RecordMessage.Open(m, record.Body.Span, c.Encode());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
            CryptographicOperations.ZeroMemory(f);
        }
    }

    /// <summary>The patient's own decryption: K = e(C2, g)^(1/x_j).</summary>
    public static byte[] DecryptAsPatient(SystemParameters parameters, SecretKey patient, SealedRecord record)
    {
        using Scalar inverse = patient.X.Invert();
        GtElement k = parameters.Tables.PreparedG.Pair(record.Header.C2).Pow(inverse);
        return Open(parameters, k, record);
    }

    internal static void Xor(Span<byte> target, ReadOnlySpan<byte> mask)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }
}
