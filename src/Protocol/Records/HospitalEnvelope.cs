using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Records;

/// <summary>
/// X_ij = E_i(alpha || ID_ij || PID_i || ID_s) of III.C: hybrid encryption to the hospital's G1
/// public key. An ephemeral E = g^k, the key HKDF-SHA-256(PK_i^k || E), and AES-256-GCM with a
/// random nonce. Encoded as E (uncompressed: the server decodes it for every broadcast) || nonce ||
/// ciphertext || tag.
/// </summary>
public static class HospitalEnvelope
{
    private const int NonceLength = 12;
    private const int TagLength = 16;

    /// <summary>Seals contents for the hospital with public key PK_i.</summary>
    public static byte[] Seal(SystemParameters parameters, PublicKey hospital, EnvelopeContents contents)
    {
        using Scalar k = parameters.Group.RandomNonZeroScalar();
        G1Point e = parameters.Tables.FixedG.Multiply(k);
        byte[] key = DeriveKey(hospital.Power(k), e);
        byte[] plaintext = contents.Encode();
        byte[] eBytes = e.Encode(compressed: false);
        byte[] result = new byte[eBytes.Length + NonceLength + plaintext.Length + TagLength];
        eBytes.CopyTo(result, 0);
        Span<byte> nonce = result.AsSpan(eBytes.Length, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagLength))
        {
            aes.Encrypt(nonce, plaintext, result.AsSpan(eBytes.Length + NonceLength, plaintext.Length), result.AsSpan(result.Length - TagLength), eBytes);
        }
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(plaintext);
        return result;
    }

    /// <summary>Opens X_ij with the hospital's private key; false when it was not sealed for this key or was changed.</summary>
    public static bool TryOpen(SystemParameters parameters, SecretKey hospital, ReadOnlySpan<byte> envelope, out EnvelopeContents? contents)
    {
        contents = null;
        int n = parameters.Group.G1UncompressedLength;
        if (envelope.Length < n + NonceLength + TagLength
            || !parameters.Group.TryDecodeG1(envelope[..n], out G1Point? e, out _))
        {
            return false;
        }
        byte[] key = DeriveKey(e.Multiply(hospital.X), e);
        int length = envelope.Length - n - NonceLength - TagLength;
        byte[] plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(envelope.Slice(n, NonceLength), envelope.Slice(n + NonceLength, length), envelope[^TagLength..], plaintext, envelope[..n]);
            return EnvelopeContents.TryDecode(plaintext, out contents);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] DeriveKey(G1Point shared, G1Point e)
    {
        byte[] sharedBytes = shared.Encode();
        byte[] ikm = [.. sharedBytes, .. e.Encode()];
        CryptographicOperations.ZeroMemory(sharedBytes);
        byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, DomainTags.Envelope.ToArray(), []);
        CryptographicOperations.ZeroMemory(ikm);
        return key;
    }
}
