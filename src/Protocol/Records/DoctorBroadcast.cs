using MedChain.Crypto;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Records;

/// <summary>
/// The doctor's side of III.C as one step: a fresh PID_ij for the patient, the record encrypted
/// for the patient under the symptom, X_ij for the hospital, and the doctor's signature over the
/// resulting ledger record. Runs on the doctor's device: it needs his private key.
/// </summary>
public static class DoctorBroadcast
{
    /// <summary>The signed ledger record and the body to broadcast to the hospital.</summary>
    public static RecordBroadcast Create(SystemParameters parameters, SecretKey doctor, string doctorId, PublicKey patient, string patientId,
        PublicKey hospital, byte[] hospitalPid, byte[] alpha, Scalar symptom, ReadOnlySpan<byte> body)
    {
        SealedRecord sealedRecord = RecordEncryption.Encrypt(parameters, patient, symptom, body);
        byte[] encryptedBody = sealedRecord.Body.ToArray();
        using var issuer = new PseudonymIssuer(doctor);
        byte[] patientPid = issuer.Issue(patientId).Encode();
        byte[] envelope = HospitalEnvelope.Seal(parameters, hospital, new EnvelopeContents(alpha, patientId, hospitalPid, doctorId));
        var unsigned = new LedgerRecord(sealedRecord.Header.Encode(), LedgerRecord.HashBody(encryptedBody), patientPid, hospitalPid, envelope, doctor.PublicKey.Encode(), []);
        return new RecordBroadcast(unsigned with { Signature = SchnorrSignature.Sign(doctor, SignaturePurpose.LedgerRecord, unsigned.SignedBytes()).Encode() }, encryptedBody);
    }
}
