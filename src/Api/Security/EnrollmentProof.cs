using MedChain.Api.Validation;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Security;

/// <summary>Checks a doctor's or patient's enrollment proof before his hospital may register him.</summary>
public static class EnrollmentProof
{
    /// <summary>Notes 'proof' as invalid unless it is the participant's signature of his enrollment at this hospital.</summary>
    public static void Check(RequestFields fields, SystemParameters parameters, PublicKey key, byte[] proof, string role, string participantId, string hospitalId)
    {
        if (!SchnorrSignature.TryVerify(parameters, key, SignaturePurpose.Enrollment, EnrollmentStatement.Encode(role, participantId, hospitalId), proof))
        {
            fields.Invalid("proof", $"'proof' is not the {role}'s signature of his enrollment as '{participantId}' at '{hospitalId}'.");
        }
    }
}
