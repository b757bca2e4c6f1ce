using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Signatures;

/// <summary>
/// What a doctor or patient signs (purpose <see cref="SignaturePurpose.Enrollment"/>) so that a
/// hospital can register him: his role, his id and the hospital's id. It proves he holds the
/// private key of the public key being registered, and that he agreed to this hospital: a hospital
/// cannot enroll someone else's key, or an id with a key of its own, without him.
/// </summary>
public static class EnrollmentStatement
{
    /// <summary>The canonical bytes of (version 1, role, participant id, hospital id).</summary>
    public static byte[] Encode(string role, string participantId, string hospitalId) => new CanonicalWriter()
        .Byte(1)
        .Bytes(System.Text.Encoding.UTF8.GetBytes(role))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(participantId))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(hospitalId))
        .ToArray();

    /// <summary>The participant's proof (encoded signature) for registration at a hospital.</summary>
    public static byte[] Sign(SecretKey participant, string role, string participantId, string hospitalId) =>
        SchnorrSignature.Sign(participant, SignaturePurpose.Enrollment, Encode(role, participantId, hospitalId)).Encode();
}
