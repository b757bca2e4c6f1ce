using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Security;

/// <summary>
/// The first sm-admin's public key from configuration, decoded under the administration
/// parameters of whichever level its length belongs to (the key exists before the system is set up).
/// </summary>
public sealed class AdminKey
{
    private AdminKey(string id, SystemParameters parameters, PublicKey key)
    {
        Id = id;
        Parameters = parameters;
        Key = key;
    }

    /// <summary>The admin's participant id.</summary>
    public string Id { get; }

    /// <summary>The administration parameters the key belongs to.</summary>
    public SystemParameters Parameters { get; }

    /// <summary>The public key.</summary>
    public PublicKey Key { get; }

    /// <summary>Parses the configured value.</summary>
    /// <exception cref="InvalidOperationException">Missing or invalid, naming the configuration key.</exception>
    public static AdminKey Parse(string id, string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException("Api:AdminPublicKey is required (base64 compressed G1 key of the first sm-admin; `medchain keys new --role sm-admin` makes one).");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Api:AdminPublicKey is not valid base64.");
        }
        foreach (int level in new[] { 80, 112, 128 })
        {
            SystemParameters parameters = SystemParameters.Administration(level);
            if (bytes.Length == parameters.Group.G1CompressedLength)
            {
                return PublicKey.TryDecode(parameters, bytes, out PublicKey? key, out EncodingError error)
                    ? new AdminKey(id, parameters, key!)
                    : throw new InvalidOperationException($"Api:AdminPublicKey is not a valid public key ({error}).");
            }
        }
        throw new InvalidOperationException("Api:AdminPublicKey has the length of no supported level's G1 point.");
    }
}
