namespace MedChain.Crypto.Encoding;

/// <summary>Thrown by the Decode methods when input is rejected; <see cref="Error"/> says why.</summary>
public sealed class EncodingException : FormatException
{
    /// <summary>Creates the exception for a rejected input of the named kind.</summary>
    public EncodingException(EncodingError error, string kind)
        : base($"Invalid {kind} encoding: {Describe(error)}.")
    {
        Error = error;
    }

    /// <summary>The reason for the rejection.</summary>
    public EncodingError Error { get; }

    private static string Describe(EncodingError error) => error switch
    {
        EncodingError.InvalidLength => "wrong length",
        EncodingError.NonCanonical => "not canonical (bad prefix or a value not below its modulus)",
        EncodingError.NotOnCurve => "not on the curve",
        EncodingError.NotInSubgroup => "not in the order-r subgroup",
        EncodingError.Identity => "the identity is not allowed here",
        _ => error.ToString(),
    };
}
