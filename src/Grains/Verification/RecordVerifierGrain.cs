using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
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
/// each checking the doctor's signature and the ciphertext's validity of one broadcast at a time,
/// on the silo's <see cref="CryptoWorkers"/> threads.
/// </summary>
[StatelessWorker]
public sealed class RecordVerifierGrain(SchemeParameters scheme, PublicKeyCache publicKeys, KeyProtector keys, CryptoWorkers workers) : Grain, IRecordVerifierGrain
{
    /// <summary>The broadcast does not decode: nothing can be attributed to the doctor.</summary>
    public const string Malformed = "malformed";

    /// <summary>The doctor's signature does not verify: nothing can be attributed to the doctor.</summary>
    public const string BadSignature = "bad-signature";

    private readonly Dictionary<string, SecretKey> _hospitalKeys = [];

    /// <inheritdoc/>
    public async Task<string?> VerifyAsync(byte[] ledgerRecord, byte[] patientKey, byte[] doctorKey, string hospitalId, byte[] protectedHospitalKey, EnvelopeExpectation expectedEnvelope)
    {
        SystemParameters p = await scheme.GetAsync();
        return await workers.RunAsync(() => Verify(p, ledgerRecord, patientKey, doctorKey, hospitalId, protectedHospitalKey, expectedEnvelope));
    }

    private string? Verify(SystemParameters p, byte[] ledgerRecord, byte[] patientKey, byte[] doctorKey, string hospitalId, byte[] protectedHospitalKey, EnvelopeExpectation expectedEnvelope)
    {
        if (!LedgerRecord.TryDecode(ledgerRecord, out LedgerRecord? record))
        {
            return Malformed;
        }
        try
        {
            // The signature first: only a failure in what the doctor signed is his fault (and costs credit).
            PublicKey doctor = publicKeys.Get(p, doctorKey);
            if (!SchnorrSignature.Decode(p, record!.Signature).Verify(p, doctor, SignaturePurpose.LedgerRecord, record.SignedBytes()))
            {
                return BadSignature;
            }
        }
        catch (EncodingException)
        {
            return Malformed;
        }
        var expected = new EnvelopeContents(expectedEnvelope.Alpha, expectedEnvelope.PatientId, expectedEnvelope.HospitalPid, expectedEnvelope.DoctorId);
        if (!HospitalEnvelope.TryOpen(p, HospitalKey(p, hospitalId, protectedHospitalKey), record.Envelope, out EnvelopeContents? contents))
        {
            return "envelope-unreadable";
        }
        if (!contents!.Matches(expected))
        {
            return "identity-mismatch";
        }
        try
        {
            SealedRecord sealedRecord = SealedRecord.Decode(p, record.SealedRecord);
            return RecordEncryption.IsValid(p, publicKeys.Get(p, patientKey), sealedRecord.Header) ? null : "invalid-ciphertext";
        }
        catch (EncodingException e)
        {
            return $"invalid-record: {e.Error}";
        }
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (SecretKey key in _hospitalKeys.Values)
        {
            key.Dispose();
        }
        _hospitalKeys.Clear();
        return Task.CompletedTask;
    }

    /// <summary>The hospital's key, unwrapped once per worker activation (the wrapped form is bound to the hospital's id).</summary>
    private SecretKey HospitalKey(SystemParameters p, string hospitalId, byte[] protectedKey)
    {
        if (!_hospitalKeys.TryGetValue(hospitalId, out SecretKey? key))
        {
            byte[] x = keys.Unprotect(protectedKey, KeyProtector.HospitalKeyPurpose(hospitalId));
            key = SecretKey.Import(p, x);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(x);
            _hospitalKeys[hospitalId] = key;
        }
        return key;
    }
}
