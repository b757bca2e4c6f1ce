using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Identity;

/// <summary>
/// A doctor or patient replaces his key: the statement (version 1, role, id, current key, new key)
/// signed by the current key — only its holder can move the id — and by the new key, which proves
/// it is held (nobody rotates an id onto a key he cannot use). The id stays the one derived from
/// the first key (<see cref="ParticipantIds"/>).
/// </summary>
/// <param name="NewKey">The compressed new public key.</param>
/// <param name="CurrentKeySignature">The statement signed by the current key.</param>
/// <param name="NewKeySignature">The statement signed by the new key.</param>
public sealed record KeyRotation(byte[] NewKey, byte[] CurrentKeySignature, byte[] NewKeySignature)
{
    /// <summary>The canonical bytes both keys sign.</summary>
    public static byte[] Statement(string role, string participantId, PublicKey current, PublicKey next) => new CanonicalWriter()
        .Byte(1)
        .Bytes(System.Text.Encoding.UTF8.GetBytes(role))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(participantId))
        .Bytes(current.Encode())
        .Bytes(next.Encode())
        .ToArray();

    /// <summary>The rotation of <paramref name="participantId"/> from <paramref name="current"/> to <paramref name="next"/>, made on his device.</summary>
    public static KeyRotation Create(string role, string participantId, SecretKey current, SecretKey next)
    {
        byte[] statement = Statement(role, participantId, current.PublicKey, next.PublicKey);
        return new KeyRotation(next.PublicKey.Encode(),
            SchnorrSignature.Sign(current, SignaturePurpose.KeyRotation, statement).Encode(),
            SchnorrSignature.Sign(next, SignaturePurpose.KeyRotation, statement).Encode());
    }

    /// <summary>
    /// The new key when this is a rotation of <paramref name="participantId"/> away from
    /// <paramref name="current"/> signed by both keys; null when the new key does not decode, is the
    /// current one, or either signature fails.
    /// </summary>
    public PublicKey? Verify(SystemParameters parameters, string role, string participantId, PublicKey current)
    {
        if (!PublicKey.TryDecode(parameters, NewKey, out PublicKey? next, out _) || next!.Equals(current))
        {
            return null;
        }
        byte[] statement = Statement(role, participantId, current, next);
        return SchnorrSignature.TryVerify(parameters, current, SignaturePurpose.KeyRotation, statement, CurrentKeySignature)
            && SchnorrSignature.TryVerify(parameters, next, SignaturePurpose.KeyRotation, statement, NewKeySignature)
            ? next
            : null;
    }
}
