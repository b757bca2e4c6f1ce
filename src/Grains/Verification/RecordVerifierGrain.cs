using MedChain.GrainInterfaces;
using MedChain.Grains.Hosting;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Signatures;
using Orleans.Concurrency;

namespace MedChain.Grains.Verification;

/// <summary>
/// <see cref="IRecordVerifierGrain"/> as a stateless worker: one activation per core on every silo,
/// each checking the doctor's signature and the ciphertext's validity of one broadcast at a time.
/// </summary>
[StatelessWorker]
public sealed class RecordVerifierGrain(SchemeParameters scheme, PublicKeyCache publicKeys) : Grain, IRecordVerifierGrain
{
    /// <inheritdoc/>
    public async Task<string?> VerifyAsync(byte[] ledgerRecord, byte[] patientKey, byte[] doctorKey)
    {
        SystemParameters p = await scheme.GetAsync();
        if (!LedgerRecord.TryDecode(ledgerRecord, out LedgerRecord? record))
        {
            return "malformed";
        }
        try
        {
            PublicKey doctor = publicKeys.Get(p, doctorKey);
            PublicKey patient = publicKeys.Get(p, patientKey);
            if (!SchnorrSignature.Decode(p, record!.Signature).Verify(p, doctor, SignaturePurpose.LedgerRecord, record.SignedBytes()))
            {
                return "bad-signature";
            }
            SealedRecord sealedRecord = SealedRecord.Decode(p, record.SealedRecord);
            return RecordEncryption.IsValid(p, patient, sealedRecord.Header) ? null : "invalid-ciphertext";
        }
        catch (EncodingException e)
        {
            return $"malformed: {e.Error}";
        }
    }
}
