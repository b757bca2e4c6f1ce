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

    /// <summary>Parses the configured value; false and what is wrong (naming the configuration key) when it is missing or invalid.</summary>
    public static bool TryRead(string id, string? base64, out AdminKey? key, out string? problem)
    {
        (key, problem) = (null, null);
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = "Api:AdminPublicKey is required (base64 compressed G1 key of the first sm-admin; `medchain keys new --role sm-admin` makes one).";
            return false;
        }
        byte[] bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out int length))
        {
            problem = "Api:AdminPublicKey is not valid base64.";
            return false;
        }
        foreach (int level in new[] { 80, 112, 128 })
        {
            SystemParameters parameters = SystemParameters.Administration(level);
            if (length == parameters.Group.G1CompressedLength)
            {
                if (PublicKey.TryDecode(parameters, bytes.AsSpan(0, length), out PublicKey? decoded, out EncodingError error))
                {
                    key = new AdminKey(id, parameters, decoded!);
                    return true;
                }
                problem = $"Api:AdminPublicKey is not a valid public key ({Validation.RequestFields.Describe(error)}).";
                return false;
            }
        }
        problem = "Api:AdminPublicKey has the length of no supported level's G1 point.";
        return false;
    }

    /// <summary>The configured key (checked at start by <see cref="Hosting.ApiOptionsValidator"/>).</summary>
    public static AdminKey From(Microsoft.Extensions.Options.IOptions<Hosting.ApiOptions> options) =>
        TryRead(options.Value.AdminId, options.Value.AdminPublicKey, out AdminKey? key, out string? problem)
            ? key!
            : throw new Microsoft.Extensions.Options.OptionsValidationException(Hosting.ApiOptions.Section, typeof(Hosting.ApiOptions), [problem!]);
}
