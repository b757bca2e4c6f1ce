using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Records;

/// <summary>
/// The hospital server's cryptographic checks of a broadcast (III.D), as one pure function. The
/// signature first, under the doctor's registered key (it covers the record's bytes, so nothing
/// needs decoding before it, and the body by its hash): every later refusal is then of what he signed
/// (<see cref="BroadcastChecks.CostsDoctorCredit"/>). Then the header must decode and the body be of an allowed length, name that key and
/// the hospital's PID_i, X_ij must open with the hospital key and hold the alpha and identities the
/// server issued, and last (the pairing check) the ciphertext must be valid for the patient's key.
/// </summary>
public static class BroadcastVerifier
{
    /// <summary>
    /// Verifies a broadcast against what the server expects for this patient and doctor;
    /// <paramref name="bodyLength"/> is the length of the body <see cref="LedgerRecord.BodyHash"/>
    /// was computed from (the server hashes what it received).
    /// </summary>
    public static BroadcastCheck Verify(SystemParameters parameters, SecretKey hospital, LedgerRecord broadcast, long bodyLength, EnvelopeContents expected, PublicKey patient, PublicKey doctor)
    {
        SchnorrSignature signature;
        try
        {
            signature = SchnorrSignature.Decode(parameters, broadcast.Signature);
        }
        catch (EncodingException)
        {
            return BroadcastCheck.Malformed;
        }
        if (!signature.Verify(parameters, doctor, SignaturePurpose.LedgerRecord, broadcast.SignedBytes()))
        {
            return BroadcastCheck.BadSignature;
        }
        RecordCiphertext header;
        try
        {
            header = RecordCiphertext.Decode(parameters, broadcast.Header);
        }
        catch (EncodingException)
        {
            return BroadcastCheck.InvalidRecord;
        }
        if (bodyLength < RecordMessage.TagLength || bodyLength > SealedRecord.MaxBodyLength + RecordMessage.TagLength)
        {
            return BroadcastCheck.InvalidRecord;
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
        return RecordEncryption.IsValid(parameters, patient, header) ? BroadcastCheck.Valid : BroadcastCheck.InvalidCiphertext;
    }
}
