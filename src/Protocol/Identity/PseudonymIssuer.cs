using System.Security.Cryptography;
using System.Text;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Identity;

/// <summary>
/// Pseudo identities PID = E(ID xor lambda || lambda) of III.B (issued by the SM for hospitals) and
/// III.C (issued by a doctor for patients). E is AES-256-GCM under a key derived (HKDF-SHA-256)
/// from the issuer's private key; lambda is fresh randomness, so the same identity gets a new,
/// unlinkable PID each time, and only the issuer can open a PID (traceability). Identities are
/// UTF-8, at most 64 bytes, zero-padded to 64. A PID is nonce (12) || ciphertext (128) || tag (16).
/// </summary>
public sealed class PseudonymIssuer : IDisposable
{
    /// <summary>Maximum identity length in UTF-8 bytes.</summary>
    public const int MaxIdentityLength = 64;

    /// <summary>Bytes of a PID.</summary>
    public const int PidLength = NonceLength + 2 * MaxIdentityLength + TagLength;

    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly AesGcm _aes;

    /// <summary>The issuer with the key derived from its private key.</summary>
    public PseudonymIssuer(SecretKey issuer)
    {
        byte[] x = issuer.Export();
        byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, x, 32, DomainTags.Pseudonym.ToArray(), []);
        _aes = new AesGcm(key, TagLength);
        CryptographicOperations.ZeroMemory(x);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>A fresh PID for an identity.</summary>
    public PseudoIdentity Issue(string identity)
    {
        byte[] id = Pad(identity);
        byte[] plaintext = new byte[2 * MaxIdentityLength];
        Span<byte> lambda = plaintext.AsSpan(MaxIdentityLength);
        RandomNumberGenerator.Fill(lambda);
        for (int i = 0; i < MaxIdentityLength; i++)
        {
            plaintext[i] = (byte)(id[i] ^ lambda[i]);
        }
        byte[] pid = new byte[PidLength];
        RandomNumberGenerator.Fill(pid.AsSpan(0, NonceLength));
        _aes.Encrypt(pid.AsSpan(0, NonceLength), plaintext, pid.AsSpan(NonceLength, plaintext.Length), pid.AsSpan(PidLength - TagLength));
        return new PseudoIdentity(pid);
    }

    /// <summary>Opens a PID this issuer made; false for anything else.</summary>
    public bool TryOpen(PseudoIdentity pseudoIdentity, out string? identity)
    {
        identity = null;
        ReadOnlySpan<byte> pid = pseudoIdentity.Span;
        byte[] plaintext = new byte[2 * MaxIdentityLength];
        try
        {
            _aes.Decrypt(pid[..NonceLength], pid.Slice(NonceLength, plaintext.Length), pid[^TagLength..], plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        byte[] id = new byte[MaxIdentityLength];
        for (int i = 0; i < MaxIdentityLength; i++)
        {
            id[i] = (byte)(plaintext[i] ^ plaintext[MaxIdentityLength + i]);
        }
        int length = Array.IndexOf(id, (byte)0);
        identity = Encoding.UTF8.GetString(id, 0, length < 0 ? MaxIdentityLength : length);
        return true;
    }

    /// <summary>Wipes the key schedule.</summary>
    public void Dispose() => _aes.Dispose();

    private static byte[] Pad(string identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        byte[] bytes = Encoding.UTF8.GetBytes(identity);
        if (bytes.Length > MaxIdentityLength || bytes.Contains((byte)0))
        {
            throw new ArgumentException($"Identities are 1 to {MaxIdentityLength} UTF-8 bytes without NUL.", nameof(identity));
        }
        byte[] padded = new byte[MaxIdentityLength];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
