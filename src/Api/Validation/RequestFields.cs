using MedChain.Api.Errors;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.Api.Validation;

/// <summary>
/// Reads and checks the fields of one request, noting what is wrong with each by its name. A
/// handler reads every field, then answers <see cref="Problem"/> when there is one: 400 when a
/// field is missing or malformed, else 422 when one is well-formed but invalid (a point off the
/// curve, a proof that does not verify); the detail says it all, and <c>errors</c> lists it by field.
/// </summary>
public sealed class RequestFields
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _messages = [];
    private bool _malformed;

    /// <summary>True when no field was wrong.</summary>
    public bool IsValid => _messages.Count == 0;

    /// <summary>The answer for the fields that were wrong, or null when none was.</summary>
    public ProblemHttpResult? Problem => IsValid ? null : TypedResults.Problem(new HttpValidationProblemDetails(_errors)
    {
        Status = _malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
        Title = Problems.TitleOf(_malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity),
        Detail = string.Join(" ", _messages),
    });

    /// <summary>A participant, session or consent id: letters, digits, '.', '_', '-', 1 to 64.</summary>
    public string Id(string? value, string field)
    {
        if (!ParticipantIds.IsValid(value))
        {
            Malformed(field, $"'{field}' must be 1 to 64 letters, digits, '.', '_' or '-'.");
            return "";
        }
        return value!;
    }

    /// <summary>A required base64 field's bytes (empty when missing or malformed).</summary>
    public byte[] Base64(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Malformed(field, $"'{field}' is required.");
            return [];
        }
        byte[] bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out int written))
        {
            Malformed(field, $"'{field}' is not valid base64.");
            return [];
        }
        return bytes[..written];
    }

    /// <summary>A public key: base64 of a compressed G1 point on the curve, in the subgroup, not the identity.</summary>
    public PublicKey? Key(SystemParameters parameters, string? value, string field)
    {
        byte[] bytes = Base64(value, field);
        if (bytes.Length == 0)
        {
            return null;
        }
        if (!PublicKey.TryDecode(parameters, bytes, out PublicKey? key, out EncodingError error))
        {
            Invalid(field, $"'{field}' is not a valid public key ({Describe(error)}).");
        }
        return key;
    }

    /// <summary>Runs a decoder of a field's bytes; an encoding it refuses makes the field invalid, saying why.</summary>
    public T? Decoded<T>(byte[] bytes, string field, Func<byte[], T> decode)
        where T : class
    {
        if (bytes.Length == 0)
        {
            return null;
        }
        try
        {
            return decode(bytes);
        }
        catch (EncodingException e)
        {
            Invalid(field, $"'{field}': {e.Message}");
            return null;
        }
    }

    /// <summary>Notes a field as malformed (400) unless <paramref name="ok"/>.</summary>
    public void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            Malformed(field, message);
        }
    }

    /// <summary>Notes a field as well-formed but invalid (422).</summary>
    public void Invalid(string field, string message) => Note(field, message);

    /// <summary>What an encoding error means, in words.</summary>
    public static string Describe(EncodingError error) => error switch
    {
        EncodingError.InvalidLength => "wrong length",
        EncodingError.NonCanonical => "not canonical",
        EncodingError.NotOnCurve => "not on the curve",
        EncodingError.NotInSubgroup => "not in the order-r subgroup",
        EncodingError.Identity => "the identity",
        _ => "invalid",
    };

    private void Malformed(string field, string message)
    {
        _malformed = true;
        Note(field, message);
    }

    private void Note(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out string[]? earlier) ? [.. earlier, message] : [message];
        _messages.Add(message);
    }
}
