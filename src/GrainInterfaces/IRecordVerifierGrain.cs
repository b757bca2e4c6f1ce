using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Records;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The costly part of verifying broadcasts, as a stateless worker so that many run in parallel on
/// every core while the hospital grain only orders, persists and seals. It runs
/// <see cref="BroadcastVerifier"/> with the hospital's key, passed still encrypted under the silos'
/// key-encryption key.
/// </summary>
[Alias("medchain.IRecordVerifierGrain")]
public interface IRecordVerifierGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// <see cref="BroadcastVerifier.Verify"/> of the encoded ledger record for these keys, X_ij
    /// expected to hold exactly <paramref name="expectedEnvelope"/>; <see cref="BroadcastCheck.Malformed"/>
    /// when the ledger record's framing or a key does not decode.
    /// </summary>
    [Alias("Verify")]
    Task<BroadcastCheck> VerifyAsync(byte[] ledgerRecord, long bodyLength, byte[] patientKey, byte[] doctorKey, string hospitalId, byte[] protectedHospitalKey, EnvelopeExpectation expectedEnvelope);
}
