using MedChain.Api.Validation;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Security;

/// <summary>A doctor's or patient's enrollment: his id, his key, and his proof that he agrees to be registered at this hospital.</summary>
public static class EnrollmentProof
{
    /// <summary>
    /// Reads the enrollee's id (field <paramref name="idField"/>), 'publicKey' and 'proof', and
    /// notes 'proof' as invalid unless it is his signature of his enrollment in <paramref name="role"/>
    /// at this hospital.
    /// </summary>
    public static (string Id, PublicKey? Key) Read(RequestFields fields, SystemParameters parameters, string? id, string idField, string? publicKey, string? proof,
        string role, string hospitalId)
    {
        string participantId = fields.Id(id, idField);
        PublicKey? key = fields.Key(parameters, publicKey, "publicKey");
        byte[] signature = fields.Base64(proof, "proof");
        if (fields.IsValid
            && !SchnorrSignature.TryVerify(parameters, key!, SignaturePurpose.Enrollment, EnrollmentStatement.Encode(role, participantId, hospitalId), signature))
        {
            fields.Invalid("proof", $"'proof' is not the {role}'s signature of his enrollment as '{participantId}' at '{hospitalId}'.");
        }
        return (participantId, key);
    }

    /// <summary>
    /// Notes <paramref name="idField"/> as invalid unless the id is the self-certifying id of the key
    /// (<see cref="ParticipantIds.Derive(string, PublicKey)"/>) or already belongs to him: <paramref name="registeredKey"/>
    /// (his current key, or null) is this key, as after a rotation or for an id enrolled before ids
    /// were derived. So a hospital cannot register someone's id with a key of its own.
    /// </summary>
    public static async Task CheckIdAsync(RequestFields fields, string id, string idField, string role, PublicKey key, Func<Task<byte[]?>> registeredKey)
    {
        if (ParticipantIds.IsDerivedFrom(id, role, key) || (await registeredKey() is { } registered && registered.AsSpan().SequenceEqual(key.Encode())))
        {
            return;
        }
        fields.Invalid(idField, $"'{idField}' must be the id derived from 'publicKey' ({ParticipantIds.Derive(role, key)}) or an id already enrolled with it.");
    }
}
