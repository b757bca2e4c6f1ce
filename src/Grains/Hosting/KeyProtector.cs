using System.Security.Cryptography;
using MedChain.Protocol.Keys;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Encrypts server-side private keys (the SM's master key, hospital keys) at rest with AES-256-GCM
/// under the configured key-encryption key; the purpose string (e.g. "hospital:H1") is bound as
/// associated data, so a protected key cannot be moved to another grain.
/// </summary>
public sealed class KeyProtector
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly byte[] _kek;

    /// <summary>Reads the key-encryption key; fails at start-up, naming the setting, when it is missing or not 32 bytes.</summary>
    public KeyProtector(IOptions<MedChainOptions> options)
    {
        string value = options.Value.KeyEncryptionKey;
        byte[]? kek = null;
        try
        {
            kek = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
        }
        if (kek is not { Length: 32 })
        {
            throw new OptionsValidationException(MedChainOptions.Section, typeof(MedChainOptions),
                [$"{MedChainOptions.Section}:KeyEncryptionKey must be the base64 of 32 random bytes."]);
        }
        _kek = kek;
    }

    /// <summary>True when the setting is the base64 of exactly 32 bytes.</summary>
    public static bool IsValidKey(string? value)
    {
        try
        {
            return value is not null && Convert.FromBase64String(value).Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The purpose a hospital's private key is protected under.</summary>
    public static string HospitalKeyPurpose(string hospitalId) => "hospital:" + hospitalId;

    /// <summary>The purpose a consent's re-key is protected under.</summary>
    public static string ConsentPurpose(string patientId, string consentId) => $"consent:{patientId}:{consentId}";

    /// <summary>
    /// A 32-byte key for another use (e.g. the access log's MAC), derived from the key-encryption
    /// key with HKDF-SHA256 under a label, so the KEK itself is used for one thing only.
    /// </summary>
    public byte[] DeriveKey(string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _kek, 32, info: System.Text.Encoding.UTF8.GetBytes("MedChain-V1-" + label));

    /// <summary>nonce || ciphertext || tag.</summary>
    public byte[] Protect(ReadOnlySpan<byte> secret, string purpose)
    {
        byte[] result = new byte[NonceLength + secret.Length + TagLength];
        RandomNumberGenerator.Fill(result.AsSpan(0, NonceLength));
        using var aes = new AesGcm(_kek, TagLength);
        aes.Encrypt(result.AsSpan(0, NonceLength), secret, result.AsSpan(NonceLength, secret.Length), result.AsSpan(result.Length - TagLength),
            System.Text.Encoding.UTF8.GetBytes(purpose));
        return result;
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the blob was changed or belongs elsewhere.</summary>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedSecret, string purpose)
    {
        int length = protectedSecret.Length - NonceLength - TagLength;
        if (length < 0)
        {
            throw new CryptographicException("Protected key is truncated.");
        }
        byte[] secret = new byte[length];
        using var aes = new AesGcm(_kek, TagLength);
        aes.Decrypt(protectedSecret[..NonceLength], protectedSecret.Slice(NonceLength, length), protectedSecret[^TagLength..], secret,
            System.Text.Encoding.UTF8.GetBytes(purpose));
        return secret;
    }

    /// <summary>A private key of the scheme, protected under <paramref name="purpose"/> (its exported bytes are wiped).</summary>
    public byte[] ProtectKey(SecretKey key, string purpose)
    {
        byte[] x = key.Export();
        try
        {
            return Protect(x, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }
    }

    /// <summary>A private key of the scheme from its protected form (the unwrapped bytes are wiped); the caller disposes it.</summary>
    public SecretKey UnprotectKey(SystemParameters parameters, ReadOnlySpan<byte> protectedKey, string purpose)
    {
        byte[] x = Unprotect(protectedKey, purpose);
        try
        {
            return SecretKey.Import(parameters, x);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }
    }
}
