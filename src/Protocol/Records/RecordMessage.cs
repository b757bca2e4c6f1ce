using System.Security.Cryptography;

namespace MedChain.Protocol.Records;

/// <summary>
/// The l1 = 512-bit plaintext m inside C4: a fresh AES-256 data key (32 bytes), the body's GCM
/// nonce (12 bytes) and 20 zero bytes (format version 1). Decryption checks the zeros.
/// </summary>
internal static class RecordMessage
{
    internal const int Length = 64;
    internal const int KeyLength = 32;
    internal const int NonceLength = 12;
    internal const int TagLength = 16;

    /// <summary>A fresh m.</summary>
    internal static byte[] Create()
    {
        byte[] m = new byte[Length];
        RandomNumberGenerator.Fill(m.AsSpan(0, KeyLength + NonceLength));
        return m;
    }

    /// <summary>True when the reserved bytes are zero.</summary>
    internal static bool IsWellFormed(ReadOnlySpan<byte> m) =>
        m.Length == Length && !m[(KeyLength + NonceLength)..].ContainsAnyExcept((byte)0);

    /// <summary>AES-256-GCM of the body under m's key and nonce, the header as associated data.</summary>
    internal static byte[] Seal(ReadOnlySpan<byte> m, ReadOnlySpan<byte> body, ReadOnlySpan<byte> header)
    {
        byte[] result = new byte[body.Length + TagLength];
        using var aes = new AesGcm(m[..KeyLength], TagLength);
        aes.Encrypt(m.Slice(KeyLength, NonceLength), body, result.AsSpan(0, body.Length), result.AsSpan(body.Length), header);
        return result;
    }

    /// <summary>Opens the body; throws <see cref="AuthenticationTagMismatchException"/> when anything was changed.</summary>
    internal static byte[] Open(ReadOnlySpan<byte> m, ReadOnlySpan<byte> sealedBody, ReadOnlySpan<byte> header)
    {
        int length = sealedBody.Length - TagLength;
        byte[] body = new byte[length];
        using var aes = new AesGcm(m[..KeyLength], TagLength);
        aes.Decrypt(m.Slice(KeyLength, NonceLength), sealedBody[..length], sealedBody[length..], body, header);
        return body;
    }
}
