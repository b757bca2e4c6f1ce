using System.Security.Cryptography;
using MedChain.Protocol.Hashing;

namespace MedChain.Protocol.Matching;

/// <summary>Key derivation and MACs shared by both matching protocols (HKDF-SHA-256, HMAC-SHA-256).</summary>
internal static class MatchingKeys
{
    internal static byte[] Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, string purpose)
    {
        byte[] key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, [.. DomainTags.MatchingKey, .. salt], System.Text.Encoding.ASCII.GetBytes(purpose));
        return key;
    }

    internal static byte[] Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    internal static bool MacEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);
}
