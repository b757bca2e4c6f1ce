using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Keys;

/// <summary>
/// A participant's private key in a local file, encrypted under a passphrase: AES-256-GCM with a
/// key from PBKDF2-HMAC-SHA256 (600 000 iterations by default, a fresh 16-byte salt per file).
/// The role, id, level, parameter kind and public key are in the clear and authenticated as
/// associated data, so a file cannot be relabelled. The private key never leaves this process.
/// </summary>
public sealed class Keystore
{
    /// <summary>Version of the file format.</summary>
    public const int FormatVersion = 1;

    /// <summary>PBKDF2 iterations for new files.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Fewer iterations than this are refused when reading (no downgrade by editing the file).</summary>
    public const int MinimumIterations = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Encrypts a key for a participant and writes it to a new file (owner-only permissions where supported).</summary>
    /// <exception cref="IOException">The file exists.</exception>
    public static void Save(string path, KeystoreIdentity identity, SecretKey key, string passphrase, int iterations = DefaultIterations)
    {
        if (iterations < MinimumIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"At least {MinimumIterations} iterations.");
        }
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        var file = new KeystoreFile(FormatVersion, identity.Role, identity.Id, identity.Level, identity.Administration,
            Convert.ToBase64String(key.PublicKey.Encode()), "pbkdf2-sha256", iterations, Convert.ToBase64String(salt), Convert.ToBase64String(nonce), "");
        byte[] secret = key.Export();
        byte[] ciphertext = new byte[secret.Length + 16];
        byte[] wrapKey = DeriveKey(passphrase, salt, iterations);
        try
        {
            using var aes = new AesGcm(wrapKey, 16);
            aes.Encrypt(nonce, secret, ciphertext.AsSpan(0, secret.Length), ciphertext.AsSpan(secret.Length), AssociatedData(file));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(wrapKey);
        }
        file = file with { Ciphertext = Convert.ToBase64String(ciphertext) };
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, file, Json);
    }

    /// <summary>The identity stored in a file, without the passphrase.</summary>
    /// <exception cref="FormatException">Not a keystore file.</exception>
    public static KeystoreIdentity ReadIdentity(string path) => Identity(Read(path));

    /// <summary>The public key stored in a file (base64), without the passphrase.</summary>
    public static string ReadPublicKey(string path) => Read(path).PublicKey;

    /// <summary>
    /// Decrypts the private key. <paramref name="parameters"/> must be the deployment's parameters
    /// (or the administration parameters for an sm-admin key: see <see cref="KeystoreIdentity.Administration"/>).
    /// </summary>
    /// <exception cref="CryptographicException">Wrong passphrase or a modified file.</exception>
    /// <exception cref="FormatException">Not a keystore file, or the key does not match its public key.</exception>
    public static SecretKey Open(string path, string passphrase, SystemParameters parameters)
    {
        KeystoreFile file = Read(path);
        if (file.Level != parameters.SecurityLevel)
        {
            throw new FormatException($"The key is for level {file.Level}, the parameters for {parameters.SecurityLevel}.");
        }
        byte[] ciphertext = Base64(file.Ciphertext, "ciphertext");
        if (ciphertext.Length <= 16)
        {
            throw new FormatException("Keystore: the ciphertext is too short.");
        }
        byte[] secret = new byte[ciphertext.Length - 16];
        byte[] wrapKey = DeriveKey(passphrase, Base64(file.Salt, "salt"), file.Iterations);
        try
        {
            using var aes = new AesGcm(wrapKey, 16);
            aes.Decrypt(Base64(file.Nonce, "nonce"), ciphertext.AsSpan(0, secret.Length), ciphertext.AsSpan(secret.Length), secret, AssociatedData(file));
            SecretKey key = SecretKey.Import(parameters, secret);
            if (Convert.ToBase64String(key.PublicKey.Encode()) != file.PublicKey)
            {
                key.Dispose();
                throw new FormatException("Keystore: the private key does not belong to these parameters (another deployment?).");
            }
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    private static KeystoreFile Read(string path)
    {
        KeystoreFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeystoreFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Keystore {path}: not valid JSON.", e);
        }
        if (file is null || file.Version != FormatVersion || file.Kdf != "pbkdf2-sha256")
        {
            throw new FormatException($"Keystore {path}: unknown format (expected version {FormatVersion}, pbkdf2-sha256).");
        }
        if (file.Iterations < MinimumIterations || file.Iterations > 10_000_000)
        {
            throw new FormatException($"Keystore {path}: iterations out of range.");
        }
        if (file.Level is not (80 or 112 or 128) || string.IsNullOrEmpty(file.Role) || string.IsNullOrEmpty(file.Id))
        {
            throw new FormatException($"Keystore {path}: role, id or level missing or invalid.");
        }
        return file;
    }

    private static KeystoreIdentity Identity(KeystoreFile f) => new(f.Role, f.Id, f.Level, f.Administration);

    private static byte[] AssociatedData(KeystoreFile f) => Encoding.UTF8.GetBytes(
        $"medchain-keystore-v{f.Version}\n{f.Role}\n{f.Id}\n{f.Level}\n{f.Administration}\n{f.PublicKey}\n{f.Kdf}\n{f.Iterations}");

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new ArgumentException("A passphrase is required.", nameof(passphrase));
        }
        return Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, 32);
    }

    private static byte[] Base64(string value, string field)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Keystore: {field} is not base64.", e);
        }
    }

    private sealed record KeystoreFile(int Version, string Role, string Id, int Level, bool Administration, string PublicKey,
        string Kdf, int Iterations, string Salt, string Nonce, string Ciphertext);
}
