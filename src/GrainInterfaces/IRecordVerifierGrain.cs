namespace MedChain.GrainInterfaces;

/// <summary>
/// The public, pairing-heavy part of verifying broadcasts (the doctor's signature and the
/// ciphertext's validity), as a stateless worker so that many run in parallel on every core while
/// the hospital grain only orders, persists and seals.
/// </summary>
[Alias("medchain.IRecordVerifierGrain")]
public interface IRecordVerifierGrain : IGrainWithIntegerKey
{
    /// <summary>Null when the encoded ledger record's signature and ciphertext verify for these keys, else the failing check.</summary>
    [Alias("Verify")]
    Task<string?> VerifyAsync(byte[] ledgerRecord, byte[] patientKey, byte[] doctorKey);
}
