using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Signatures;

/// <summary>
/// What a participant signs to log in (purpose <see cref="SignaturePurpose.Login"/>): the API's
/// single-use challenge nonce, the role, the participant id and the origin of the API as the
/// client addressed it (scheme://host[:port], lower case), so a signature answers exactly one
/// challenge for one identity at one API: a look-alike API that relays a real challenge gets a
/// signature for its own origin, which the real API refuses.
/// </summary>
public static class LoginStatement
{
    /// <summary>The canonical bytes of (version 2, nonce, role, subject, origin).</summary>
    public static byte[] Encode(string nonce, string role, string subject, string origin) => new CanonicalWriter()
        .Byte(2)
        .Bytes(System.Text.Encoding.UTF8.GetBytes(nonce))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(role))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(subject))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(origin.ToLowerInvariant()))
        .ToArray();

    /// <summary>The origin (scheme://host[:port], lower case) of an API address.</summary>
    public static string OriginOf(Uri address) => address.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
