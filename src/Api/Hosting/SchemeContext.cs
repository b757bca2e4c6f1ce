using MedChain.Api.Errors;
using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Hosting;

/// <summary>
/// The deployment's public parameters as the API needs them to validate input (points, keys,
/// signatures): read from the SM once it is set up, then kept (they never change).
/// </summary>
public sealed class SchemeContext(IClusterClient cluster)
{
    private SystemParameters? _parameters;

    /// <summary>The parameters; 409 when the sm-admin has not set the system up yet.</summary>
    public async Task<SystemParameters> RequireAsync()
    {
        if (_parameters is not null)
        {
            return _parameters;
        }
        string json = await cluster.GetSystemManager().FindParametersAsync()
            ?? throw ApiProblemException.Conflict("The system is not set up yet: an sm-admin must POST /system/setup first.");
        return _parameters = SystemParameters.FromJson(json);
    }

    /// <summary>Decodes a base64 field or answers 400 naming it.</summary>
    public static byte[] Base64(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw ApiProblemException.BadRequest($"'{field}' is required.");
        }
        byte[] bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out int written)
            ? bytes[..written]
            : throw ApiProblemException.BadRequest($"'{field}' is not valid base64.");
    }

    /// <summary>Decodes and validates a public key (on the curve, in G1, not the identity) or answers 422 saying why.</summary>
    public static PublicKey Key(SystemParameters parameters, string? value, string field)
    {
        byte[] bytes = Base64(value, field);
        return PublicKey.TryDecode(parameters, bytes, out PublicKey? key, out EncodingError error)
            ? key!
            : throw ApiProblemException.Unprocessable($"'{field}' is not a valid public key ({Describe(error)}).");
    }

    /// <summary>Checks an id (letters, digits, '.', '_', '-'; 1 to 64) or answers 400 naming the field.</summary>
    public static string Id(string? value, string field) =>
        ParticipantIds.IsValid(value)
            ? value!
            : throw ApiProblemException.BadRequest($"'{field}' must be 1 to 64 letters, digits, '.', '_' or '-'.");

    /// <summary>What an encoding error means, in words.</summary>
    public static string Describe(EncodingError error) => error switch
    {
        EncodingError.InvalidLength => "wrong length",
        EncodingError.NonCanonical => "not canonical",
        EncodingError.NotOnCurve => "not on the curve",
        EncodingError.NotInSubgroup => "not in the order-r subgroup",
        EncodingError.Identity => "the identity",
        _ => error.ToString(),
    };
}
