using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Records;

/// <summary>
/// The hospital server's checks of a broadcast (III.D), as one pure function: open X_ij with the
/// hospital key and compare alpha and identities with what the server issued, verify the doctor's
/// signature over the broadcast, and check the ciphertext's validity against the patient's key.
/// Cheap checks first; the pairing check last.
/// </summary>
public static class BroadcastVerifier
{
    /// <summary>Verifies a broadcast against what the server expects for this patient and doctor.</summary>
    public static BroadcastCheck Verify(SystemParameters parameters, SecretKey hospital, LedgerRecord broadcast, EnvelopeContents expected, PublicKey patient, PublicKey doctor)
    {
        SealedRecord record;
        SchnorrSignature signature;
        try
        {
            record = SealedRecord.Decode(parameters, broadcast.SealedRecord);
            signature = SchnorrSignature.Decode(parameters, broadcast.Signature);
        }
        catch (EncodingException)
        {
            return BroadcastCheck.Malformed;
        }
        if (!broadcast.DoctorKey.AsSpan().SequenceEqual(doctor.Encode()))
        {
            return BroadcastCheck.IdentityMismatch;
        }
        if (!HospitalEnvelope.TryOpen(parameters, hospital, broadcast.Envelope, out EnvelopeContents? contents))
        {
            return BroadcastCheck.EnvelopeUnreadable;
        }
        if (!contents!.Matches(expected) || !broadcast.HospitalPid.AsSpan().SequenceEqual(expected.HospitalPid))
        {
            return BroadcastCheck.IdentityMismatch;
        }
        if (!signature.Verify(parameters, doctor, SignaturePurpose.LedgerRecord, broadcast.SignedBytes()))
        {
            return BroadcastCheck.BadSignature;
        }
        return RecordEncryption.IsValid(parameters, patient, record.Header) ? BroadcastCheck.Valid : BroadcastCheck.InvalidCiphertext;
    }
}
