using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;

namespace MedChain.Grains.Patient;

/// <summary><see cref="IPatientGrain"/>: consents are checked against the patient's registered key before they are stored.</summary>
public sealed class PatientGrain(
    [PersistentState("patient", MedChainGrainServices.StateStorage)] IPersistentState<PatientState> state,
    SchemeParameters scheme,
    KeyProtector keys,
    TimeProvider time) : Grain, IPatientGrain
{
    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public async Task RegisterAtAsync(byte[] hospitalPid, byte[] publicKey)
    {
        SystemParameters p = await scheme.GetAsync();
        byte[] key = PublicKey.Decode(p, publicKey).Encode();
        if (state.State.PublicKey.Length == 0)
        {
            state.State.PublicKey = key;
        }
        else if (!state.State.PublicKey.AsSpan().SequenceEqual(key))
        {
            throw new InvalidOperationException($"Patient {Id} is registered with another key.");
        }
        if (!state.State.HospitalPids.Any(p => p.AsSpan().SequenceEqual(hospitalPid)))
        {
            state.State.HospitalPids.Add(hospitalPid);
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetPublicKeyAsync() =>
        Task.FromResult(state.State.PublicKey.Length == 0 ? null : state.State.PublicKey);

    /// <inheritdoc/>
    public Task<byte[][]> GetHospitalsAsync() => Task.FromResult(state.State.HospitalPids.ToArray());

    /// <inheritdoc/>
    public async Task<ConsentInfo> GrantConsentAsync(ConsentGrant grant)
    {
        SystemParameters p = await scheme.GetAsync();
        if (state.State.PublicKey.Length == 0)
        {
            throw new InvalidOperationException($"Patient {Id} is not registered.");
        }
        if (grant.PatientId != Id || state.State.Consents.ContainsKey(grant.ConsentId))
        {
            throw new ArgumentException("The consent names another patient or reuses an id.", nameof(grant));
        }
        var consent = new Consent(grant.ConsentId, grant.PatientId, grant.DoctorId, grant.DoctorKey, grant.ReKey, grant.ExpiresAtMs, grant.Signature);
        if (!consent.Verify(p, PublicKey.Decode(p, state.State.PublicKey)))
        {
            throw new ArgumentException("The consent's signature or re-key does not verify.", nameof(grant));
        }
        var stored = new StoredConsent
        {
            DoctorId = grant.DoctorId,
            DoctorKey = grant.DoctorKey,
            ProtectedReKey = keys.Protect(grant.ReKey, KeyProtector.ConsentPurpose(Id, grant.ConsentId)),
            ExpiresAtMs = grant.ExpiresAtMs,
        };
        state.State.Consents[grant.ConsentId] = stored;
        await state.WriteStateAsync();
        return Info(grant.ConsentId, stored);
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeConsentAsync(string consentId)
    {
        if (!state.State.Consents.TryGetValue(consentId, out StoredConsent? consent))
        {
            return false;
        }
        consent.Revoked = true;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc/>
    public Task<ConsentInfo[]> GetConsentsAsync() =>
        Task.FromResult(state.State.Consents.Select(c => Info(c.Key, c.Value)).ToArray());

    /// <inheritdoc/>
    public Task<ActiveConsent?> GetActiveConsentAsync(string consentId, string doctorId)
    {
        if (!state.State.Consents.TryGetValue(consentId, out StoredConsent? c) || c.Revoked || c.DoctorId != doctorId
            || c.ExpiresAtMs <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return Task.FromResult<ActiveConsent?>(null);
        }
        return Task.FromResult<ActiveConsent?>(new ActiveConsent(state.State.PublicKey, c.DoctorKey, c.ProtectedReKey));
    }

    private static ConsentInfo Info(string id, StoredConsent c) => new(id, c.DoctorId, c.ExpiresAtMs, c.Revoked);
}
