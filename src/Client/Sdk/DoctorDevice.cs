using MedChain.Crypto;
using MedChain.Contracts;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Records;
using MedChain.Protocol.Signatures;

namespace MedChain.Client.Sdk;

/// <summary>
/// A doctor's side of the scheme, run on his device with his private key: encrypting and signing
/// a diagnosis for a patient (III.C/D) and decrypting what the proxy re-encrypted for him (III.E).
/// </summary>
public sealed class DoctorDevice(SystemParameters parameters, string doctorId, SecretKey key)
{
    /// <summary>A doctor with the self-certifying id of his key (<see cref="ParticipantIds.Derive(string, PublicKey)"/>), as a new doctor enrolls.</summary>
    public DoctorDevice(SystemParameters parameters, SecretKey key)
        : this(parameters, ParticipantIds.Derive("doctor", key.PublicKey), key)
    {
    }

    /// <summary>The doctor's id.</summary>
    public string DoctorId { get; } = doctorId;

    /// <summary>The doctor's public key.</summary>
    public PublicKey PublicKey => key.PublicKey;

    /// <summary>The doctor's proof for his registration at a hospital (he holds the key and agrees).</summary>
    public byte[] Enrollment(string hospitalId) => EnrollmentStatement.Sign(key, "doctor", DoctorId, hospitalId);

    /// <summary>
    /// The broadcast of a diagnosis: encrypted for the patient under the symptom keyword, X_ij for
    /// the hospital (with the patient's alpha), PID_ij, signed by the doctor.
    /// </summary>
    public BroadcastRecordRequest Encrypt(string patientId, PublicKey patient, byte[] alpha, HospitalInfo hospital, string symptomCode, ReadOnlySpan<byte> diagnosis)
    {
        using Scalar symptom = parameters.Hashes.Symptom(symptomCode);
        RecordBroadcast broadcast = DoctorBroadcast.Create(parameters, key, DoctorId, patient, patientId,
            PublicKey.Decode(parameters, Convert.FromBase64String(hospital.PublicKey)), Convert.FromBase64String(hospital.Pid), alpha, symptom, diagnosis);
        LedgerRecord record = broadcast.Record;
        return new BroadcastRecordRequest(patientId, Convert.ToBase64String(broadcast.SealedRecord()), Convert.ToBase64String(record.PatientPid),
            Convert.ToBase64String(record.Envelope), Convert.ToBase64String(record.Signature));
    }

    /// <summary>Decrypts a record the proxy re-encrypted for this doctor (base64 as the API returns it).</summary>
    public byte[] DecryptShared(string record) =>
        ReEncryptedRecord.Decode(parameters, Convert.FromBase64String(record)).Decrypt(parameters, key);
}
