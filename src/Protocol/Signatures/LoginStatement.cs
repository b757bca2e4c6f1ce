using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Signatures;

/// <summary>
/// What a participant signs to log in (purpose <see cref="SignaturePurpose.Login"/>): the API's
/// single-use challenge nonce, the role and the participant id, so a signature answers exactly one
/// challenge for one identity.
/// </summary>
public static class LoginStatement
{
    /// <summary>The canonical bytes of (version 1, nonce, role, subject).</summary>
    public static byte[] Encode(string nonce, string role, string subject) => new CanonicalWriter()
        .Byte(1)
        .Bytes(System.Text.Encoding.UTF8.GetBytes(nonce))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(role))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(subject))
        .ToArray();
}
