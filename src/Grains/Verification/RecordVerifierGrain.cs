using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using Orleans.Concurrency;

namespace MedChain.Grains.Verification;

/// <summary>
/// <see cref="IRecordVerifierGrain"/> as a stateless worker: one activation per core on every silo,
/// each running <see cref="BroadcastVerifier"/> for one broadcast at a time on the silo's
/// <see cref="CryptoWorkers"/> threads.
/// </summary>
[StatelessWorker]
public sealed class RecordVerifierGrain(SystemParametersCache parameters, PublicKeyCache publicKeys, KeyProtector keys, CryptoWorkers workers) : Grain, IRecordVerifierGrain
{
    private readonly Dictionary<string, SecretKey> _hospitalKeys = [];

    /// <inheritdoc/>
    public async Task<BroadcastCheck> VerifyAsync(byte[] ledgerRecord, long bodyLength, byte[] patientKey, byte[] doctorKey, string hospitalId, byte[] protectedHospitalKey, EnvelopeExpectation expectedEnvelope)
    {
        SystemParameters p = await parameters.GetAsync();
        SecretKey hospital = HospitalKey(p, hospitalId, protectedHospitalKey);
        return await workers.RunAsync(() =>
        {
            if (!LedgerRecord.TryDecode(ledgerRecord, out LedgerRecord? record))
            {
                return BroadcastCheck.Malformed;
            }
            PublicKey patient, doctor;
            try
            {
                (patient, doctor) = (publicKeys.Get(p, patientKey), publicKeys.Get(p, doctorKey));
            }
            catch (EncodingException)
            {
                return BroadcastCheck.Malformed;
            }
            var expected = new EnvelopeContents(expectedEnvelope.Alpha, expectedEnvelope.PatientId, expectedEnvelope.HospitalPid, expectedEnvelope.DoctorId);
            return BroadcastVerifier.Verify(p, hospital, record!, bodyLength, expected, patient, doctor);
        });
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
            key = keys.UnprotectKey(p, protectedKey, KeyProtector.HospitalKeyPurpose(hospitalId));
            _hospitalKeys[hospitalId] = key;
        }
        return key;
    }
}
