using System.Security.Cryptography;
using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using Orleans.Concurrency;

namespace MedChain.Grains.Sharing;

/// <summary>
/// <see cref="IReEncryptionProxyGrain"/> as a stateless worker: each share is served by an
/// activation of its own, its pairings on the silo's <see cref="CryptoWorkers"/>, so shares run
/// side by side and never wait for the SM. The consent comes from the patient's grain (the re-key
/// wrapped under the key-encryption key), the hospitals behind the pseudonyms from the SM.
/// </summary>
[StatelessWorker]
public sealed class ReEncryptionProxyGrain(SystemParametersCache parameters, KeyProtector keys, PublicKeyCache publicKeys, CryptoWorkers workers) : Grain, IReEncryptionProxyGrain
{
    /// <inheritdoc/>
    public async Task<ShareResult> ShareAsync(string patientId, string consentId, string doctorId, Dictionary<string, byte[]> trapdoorsByHospitalPid)
    {
        SystemParameters p = await parameters.GetAsync();
        if (await GrainFactory.GetGrain<IPatientGrain>(patientId).GetActiveConsentAsync(consentId, doctorId) is not { } consent)
        {
            return Refused(ShareRefusal.NoValidConsent);
        }
        if (!ConsentScope.TryDecode(consent.Scope, out ConsentScope? scope))
        {
            return Refused(ShareRefusal.OutsideConsent);
        }
        if (!await InGoodStandingAsync(doctorId))
        {
            return Refused(ShareRefusal.DoctorNotInGoodStanding);
        }
        var hospitals = new List<(string Id, byte[] Trapdoor)>();
        var skipped = new List<string>();
        foreach ((string pid, byte[] trapdoor) in trapdoorsByHospitalPid)
        {
            byte[] pidBytes = new byte[pid.Length];
            if (!Convert.TryFromBase64String(pid, pidBytes, out int length))
            {
                return Refused(ShareRefusal.UnknownHospital);
            }
            // Exactly what the patient signed: this trapdoor, for this hospital.
            if (!scope!.Covers(pidBytes.AsSpan(0, length), trapdoor))
            {
                return Refused(ShareRefusal.OutsideConsent);
            }
            if (await GrainFactory.GetSystemManager().GetHospitalByPidAsync(pidBytes[..length]) is not { } hospital)
            {
                return Refused(ShareRefusal.UnknownHospital);
            }
            if (CreditPolicy.Default.IsExpelled(hospital.Credit))
            {
                // A suspended hospital is not asked; the answer says which were skipped.
                skipped.Add(pid);
                continue;
            }
            hospitals.Add((hospital.HospitalId, trapdoor));
        }
        if (await BindAsync(p, consent, patientId, consentId) is not { } key)
        {
            return Refused(ShareRefusal.ReKeyNotBound);
        }
        SearchMatch[][] found = await Task.WhenAll(hospitals.Select(h => GrainFactory.GetGrain<IHospitalGrain>(h.Id).SearchAsync(patientId, h.Trapdoor)));
        var matches = hospitals.Zip(found).SelectMany(h => h.Second.Select(m => (HospitalId: h.First.Id, Match: m))).ToList();
        byte[]?[] transformed = await Task.WhenAll(matches.Select(m => workers.RunAsync(() => Transform(p, m.Match.Header, key))));
        var shared = matches.Zip(transformed).Where(t => t.Second is not null).ToList();
        // Every access is logged before the records are handed out: nothing is logged for a refused or failed request.
        await GrainFactory.GetGrain<IAccessLogGrain>(patientId).AppendAsync(doctorId, consentId,
            [.. shared.Select(s => new RecordAccess(s.First.HospitalId, s.First.Match.RecordId))]);
        return new ShareResult(ShareRefusal.None,
            [.. shared.Select(s => new SharedRecord(s.First.HospitalId, s.First.Match.RecordId, s.Second!, s.First.Match.Header, s.First.Match.BodyHash))], [.. skipped]);
    }

    /// <summary>The consent's re-key, unwrapped and checked once for the request to bind the patient's key to the doctor's.</summary>
    private async Task<BoundReEncryptionKey?> BindAsync(SystemParameters p, ActiveConsent consent, string patientId, string consentId)
    {
        byte[] rk = keys.Unprotect(consent.ProtectedReKey, KeyProtector.ConsentPurpose(patientId, consentId));
        try
        {
            ReEncryptionKey key = ReEncryptionKey.Decode(p, rk);
            PublicKey patient = publicKeys.Get(p, consent.PatientKey);
            PublicKey doctor = publicKeys.Get(p, consent.DoctorKey);
            return await workers.RunAsync(() => key.BindTo(p, patient, doctor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rk);
        }
    }

    /// <summary>C2'' of a record header re-encrypted for the doctor, or null when it is not valid (one that does not even decode is not).</summary>
    private static byte[]? Transform(SystemParameters p, byte[] header, BoundReEncryptionKey key)
    {
        try
        {
            return ReEncryptedRecord.TransformHeader(p, RecordCiphertext.Decode(p, header), key)?.Encode();
        }
        catch (EncodingException)
        {
            return null;
        }
    }

    /// <summary>Whether the doctor is registered at his hospital and not expelled (the hospital's register says).</summary>
    private async Task<bool> InGoodStandingAsync(string doctorId) =>
        await GrainFactory.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync() is { } profile
        && await GrainFactory.GetGrain<IHospitalGrain>(profile.HospitalId).GetDoctorAsync(doctorId) is { InGoodStanding: true };

    private static ShareResult Refused(ShareRefusal refusal) => new(refusal, [], []);
}
