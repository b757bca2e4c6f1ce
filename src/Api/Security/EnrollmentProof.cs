using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Security;

/// <summary>Checks a doctor's or patient's enrollment proof before his hospital may register him.</summary>
public static class EnrollmentProof
{
    /// <summary>422 unless <paramref name="proof"/> is the participant's signature of his enrollment at this hospital.</summary>
    public static void Require(SystemParameters parameters, PublicKey key, string? proof, string role, string participantId, string hospitalId)
    {
        byte[] signature = SchemeContext.Base64(proof, "proof");
        if (!SchnorrSignature.TryVerify(parameters, key, SignaturePurpose.Enrollment, EnrollmentStatement.Encode(role, participantId, hospitalId), signature))
        {
            throw ApiProblemException.Unprocessable($"'proof' is not the {role}'s signature of his enrollment as '{participantId}' at '{hospitalId}'.");
        }
    }
}
