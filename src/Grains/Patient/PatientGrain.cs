using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Participants;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;

namespace MedChain.Grains.Patient;

/// <summary>
/// <see cref="IPatientGrain"/>: the one place a consent is verified, against the patient's
/// registered key, before it is stored (its re-key encrypted at rest). Every change is acknowledged
/// only once its state write succeeded, and a failed write is undone (memory as storage holds it).
/// </summary>
public sealed class PatientGrain(
    [PersistentState("patient", MedChainGrainServices.StateStorage)] IPersistentState<PatientState> state,
    SystemParametersCache parameters,
    KeyProtector keys,
    TimeProvider time) : Grain, IPatientGrain
{
    private const string Role = "patient";

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public async Task RegisterAtAsync(byte[] hospitalPid, byte[] publicKey)
    {
        byte[] key = PublicKey.Decode(await parameters.GetAsync(), publicKey).Encode();
        if (state.State.Revoked)
        {
            throw new RefusalException(Refusal.Forbidden, $"The key of patient '{Id}' has been revoked; he enrolls again under a new id.");
        }
        if (state.State.PublicKey.Length > 0 && !state.State.PublicKey.AsSpan().SequenceEqual(key))
        {
            throw new RefusalException(Refusal.Conflict, $"Patient '{Id}' is registered with another key.");
        }
        bool newKey = state.State.PublicKey.Length == 0;
        bool newHospital = !state.State.HospitalPids.Any(p => p.AsSpan().SequenceEqual(hospitalPid));
        if (newKey)
        {
            state.State.PublicKey = key;
        }
        if (newHospital)
        {
            state.State.HospitalPids.Add(hospitalPid);
        }
        await state.WriteOrUndoAsync(() =>
        {
            if (newKey)
            {
                state.State.PublicKey = [];
            }
            if (newHospital)
            {
                state.State.HospitalPids.RemoveAt(state.State.HospitalPids.Count - 1);
            }
        });
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetPublicKeyAsync() =>
        Task.FromResult(state.State.PublicKey.Length == 0 ? null : state.State.PublicKey);

    /// <inheritdoc/>
    public async Task RotateKeyAsync(byte[] newKey, byte[] currentKeySignature, byte[] newKeySignature) =>
        await ParticipantKeyChanges.RotateAsync(state, await parameters.GetAsync(), Role, Id,
            new KeyRotation(newKey, currentKeySignature, newKeySignature), TellHospitalsAsync);

    /// <inheritdoc/>
    public Task<bool> RevokeAsync() => ParticipantKeyChanges.RevokeAsync(state, TellHospitalsAsync);

    /// <inheritdoc/>
    public Task<bool> IsRevokedAsync() => Task.FromResult(state.State.Revoked);

    /// <inheritdoc/>
    public Task<byte[][]> GetHospitalsAsync() => Task.FromResult(state.State.HospitalPids.ToArray());

    /// <inheritdoc/>
    public async Task<ConsentInfo> GrantConsentAsync(ConsentGrant grant)
    {
        SystemParameters p = await parameters.GetAsync();
        if (state.State.PublicKey.Length == 0)
        {
            throw new RefusalException(Refusal.NotFound, $"Patient '{Id}' is not registered.");
        }
        if (state.State.Revoked)
        {
            throw new RefusalException(Refusal.Forbidden, $"The key of patient '{Id}' has been revoked.");
        }
        if (grant.PatientId != Id)
        {
            throw new RefusalException(Refusal.Invalid, $"The consent names another patient than '{Id}'.");
        }
        if (state.State.Consents.ContainsKey(grant.ConsentId))
        {
            throw new RefusalException(Refusal.Conflict, $"Consent '{grant.ConsentId}' already exists.");
        }
        var consent = new Consent(grant.ConsentId, grant.PatientId, grant.DoctorId, grant.DoctorKey, grant.ReKey, grant.ExpiresAtMs, grant.Scope, grant.Signature);
        if (!consent.Verify(p, PublicKey.Decode(p, state.State.PublicKey)))
        {
            throw new RefusalException(Refusal.Invalid, "The consent's signature or re-key does not verify for this patient and doctor.");
        }
        var stored = new StoredConsent
        {
            DoctorId = grant.DoctorId,
            DoctorKey = grant.DoctorKey,
            PatientKey = state.State.PublicKey,
            ProtectedReKey = keys.Protect(grant.ReKey, KeyProtector.ConsentPurpose(Id, grant.ConsentId)),
            ExpiresAtMs = grant.ExpiresAtMs,
            Scope = grant.Scope,
        };
        state.State.Consents[grant.ConsentId] = stored;
        await state.WriteOrUndoAsync(() => state.State.Consents.Remove(grant.ConsentId));
        return Info(grant.ConsentId, stored);
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeConsentAsync(string consentId)
    {
        if (!state.State.Consents.TryGetValue(consentId, out StoredConsent? consent))
        {
            return false;
        }
        bool wasRevoked = consent.Revoked;
        consent.Revoked = true;
        await state.WriteOrUndoAsync(() => consent.Revoked = wasRevoked);
        return true;
    }

    /// <inheritdoc/>
    public Task<ConsentInfo[]> GetConsentsAsync() =>
        Task.FromResult(state.State.Consents.Select(c => Info(c.Key, c.Value)).ToArray());

    /// <inheritdoc/>
    public Task<ActiveConsent?> GetActiveConsentAsync(string consentId, string doctorId)
    {
        if (state.State.Revoked || !state.State.Consents.TryGetValue(consentId, out StoredConsent? c) || c.Revoked || c.DoctorId != doctorId
            || c.ExpiresAtMs <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return Task.FromResult<ActiveConsent?>(null);
        }
        return Task.FromResult<ActiveConsent?>(new ActiveConsent(c.PatientKey.Length > 0 ? c.PatientKey : state.State.PublicKey, c.DoctorKey, c.ProtectedReKey, c.Scope));
    }

    private async Task TellHospitalsAsync(byte[] key)
    {
        foreach (byte[] pid in state.State.HospitalPids)
        {
            if (await GrainFactory.GetSystemManager().GetHospitalByPidAsync(pid) is { } hospital)
            {
                await GrainFactory.GetGrain<IHospitalGrain>(hospital.HospitalId).UpdatePatientAsync(Id, key, state.State.Revoked);
            }
        }
    }

    private static ConsentInfo Info(string id, StoredConsent c) => new(id, c.DoctorId, c.ExpiresAtMs, c.Revoked);
}
