using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// A patient's consent that the proxy may re-encrypt his records for one doctor until an expiry,
/// found with exactly the trapdoors it names: the consent id, the patient and doctor ids, the
/// doctor's public key, the product-mode re-key rk = PK_s^(1/x_j) (a secret for the proxy only),
/// the expiry (Unix ms) and its <see cref="ConsentScope"/> (encoded), signed by the patient
/// (purpose "consent") over the canonical encoding of all of them.
/// </summary>
public sealed record Consent(string ConsentId, string PatientId, string DoctorId, byte[] DoctorKey, byte[] ReKey, long ExpiresAtMs, byte[] Scope, byte[] Signature)
{
    /// <summary>What the patient signs.</summary>
    public byte[] SignedBytes() => new CanonicalWriter()
        .Byte(2)
        .Bytes(System.Text.Encoding.UTF8.GetBytes(ConsentId))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(PatientId))
        .Bytes(System.Text.Encoding.UTF8.GetBytes(DoctorId))
        .Bytes(DoctorKey)
        .Bytes(ReKey)
        .Int64(ExpiresAtMs)
        .Bytes(Scope)
        .ToArray();

    /// <summary>The patient's side: a signed consent for a doctor, for these trapdoors (each for the hospital with that PID_i).</summary>
    public static Consent Grant(SecretKey patient, string consentId, string patientId, string doctorId, PublicKey doctor, DateTimeOffset expires,
        IEnumerable<(byte[] HospitalPid, byte[] Trapdoor)> trapdoors)
    {
        var unsigned = new Consent(consentId, patientId, doctorId, doctor.Encode(), ReEncryptionKey.Create(patient, doctor).Encode(), expires.ToUnixTimeMilliseconds(),
            ConsentScope.Of(trapdoors).Encode(), []);
        return unsigned with { Signature = SchnorrSignature.Sign(patient, SignaturePurpose.Consent, unsigned.SignedBytes()).Encode() };
    }

    /// <summary>True when the patient with this key signed it, its scope decodes, and the re-key binds patient and doctor.</summary>
    public bool Verify(SystemParameters parameters, PublicKey patient)
    {
        try
        {
            PublicKey doctor = PublicKey.Decode(parameters, DoctorKey);
            return ConsentScope.TryDecode(Scope, out _)
                && SchnorrSignature.Decode(parameters, Signature).Verify(parameters, patient, SignaturePurpose.Consent, SignedBytes())
                && ReEncryptionKey.Decode(parameters, ReKey).Binds(parameters, patient, doctor);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
