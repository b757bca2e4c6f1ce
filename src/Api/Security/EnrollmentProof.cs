using MedChain.Api.Validation;
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
}
