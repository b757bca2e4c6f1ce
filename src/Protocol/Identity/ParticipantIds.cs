using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Identity;

/// <summary>
/// What an id may look like (hospitals, doctors, patients, consents, sessions): ids name grains,
/// replicas ("id/n"), storage prefixes and URL path segments. Doctors and patients have
/// <em>self-certifying</em> ids: the role, a dash and 26 base32 characters (128 bits) of a tagged
/// SHA-256 of the role and the public key they first enrolled with. Whoever registers an id must
/// show that key, so nobody (a hospital included) can claim the id of someone whose key he does
/// not hold; a rotated key keeps the id (<see cref="KeyRotation"/>).
/// </summary>
public static partial class ParticipantIds
{
    /// <summary>Domain separation of the id hash.</summary>
    public const string Tag = "medchain/participant-id/v1";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int IdBits = 128;

    /// <summary>True for 1 to 64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>The self-certifying id of a <paramref name="role"/> ("doctor", "patient") enrolling with <paramref name="key"/>.</summary>
    public static string Derive(string role, PublicKey key) => Derive(role, key.Encode());

    /// <summary>
    /// The id for the compressed key bytes: <c>role-</c> and the first 26 base32 (RFC 4648,
    /// lower case) characters of SHA-256(len||tag, len||role, len||key), lengths 4-byte big-endian.
    /// </summary>
    public static string Derive(string role, ReadOnlySpan<byte> encodedKey)
    {
        byte[] digest = SHA256.HashData(new CanonicalWriter()
            .Bytes(Encoding.UTF8.GetBytes(Tag))
            .Bytes(Encoding.UTF8.GetBytes(role))
            .Bytes(encodedKey)
            .ToArray());
        var id = new StringBuilder(role.Length + 1 + 26).Append(role).Append('-');
        int buffer = 0, bits = 0, used = 0;
        foreach (byte b in digest)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && used < IdBits)
            {
                bits -= 5;
                used += 5;
                id.Append(Alphabet[(buffer >> bits) & 31]);
            }
            if (used >= IdBits)
            {
                break;
            }
        }
        return id.ToString();
    }

    /// <summary>True when <paramref name="id"/> is the self-certifying id of <paramref name="role"/> with <paramref name="key"/>.</summary>
    public static bool IsDerivedFrom(string id, string role, PublicKey key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(id), Encoding.ASCII.GetBytes(Derive(role, key)));

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Pattern();
}
