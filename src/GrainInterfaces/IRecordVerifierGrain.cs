using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The costly part of verifying broadcasts, as a stateless worker so that many run in parallel on
/// every core while the hospital grain only orders, persists and seals: opening X_ij (with the
/// hospital's key, passed still encrypted under the silo's key-encryption key) and comparing its
/// contents, the doctor's signature, and the ciphertext's validity.
/// </summary>
[Alias("medchain.IRecordVerifierGrain")]
public interface IRecordVerifierGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Null when the encoded ledger record verifies: X_ij opens with the hospital's key and holds
    /// exactly <paramref name="expectedEnvelope"/>, the doctor's signature and the ciphertext are
    /// valid for these keys. Otherwise the failing check.
    /// </summary>
    [Alias("Verify")]
    Task<string?> VerifyAsync(byte[] ledgerRecord, byte[] patientKey, byte[] doctorKey, string hospitalId, byte[] protectedHospitalKey, EnvelopeExpectation expectedEnvelope);
}
