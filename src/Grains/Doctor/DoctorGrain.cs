using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Participants;
using MedChain.Protocol.Identity;

namespace MedChain.Grains.Doctor;

/// <summary>
/// <see cref="IDoctorGrain"/>: the profile is set once, its key changes only by a rotation he signs
/// or the sm-admin's revocation; every change answers after its write succeeded, and a failed write is undone.
/// </summary>
public sealed class DoctorGrain(
    [PersistentState("doctor", MedChainGrainServices.StateStorage)] IPersistentState<DoctorState> state,
    SystemParametersCache parameters) : Grain, IDoctorGrain
{
    private const string Role = "doctor";

    /// <inheritdoc/>
    public async Task RegisterAsync(string hospitalId, byte[] hospitalPid, byte[] publicKey)
    {
        if (state.State.PublicKey.Length > 0)
        {
            if (!state.State.PublicKey.AsSpan().SequenceEqual(publicKey) || state.State.HospitalId != hospitalId)
            {
                throw new RefusalException(Refusal.Conflict, $"Doctor '{this.GetPrimaryKeyString()}' is registered elsewhere or with another key.");
            }
            return;
        }
        DoctorState before = state.State;
        state.State = new DoctorState { PublicKey = publicKey, HospitalId = hospitalId, HospitalPid = hospitalPid };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<DoctorProfile?> GetProfileAsync() =>
        Task.FromResult(state.State.PublicKey.Length == 0 ? null
            : new DoctorProfile(state.State.PublicKey, state.State.HospitalId, state.State.HospitalPid, state.State.Revoked));

    /// <inheritdoc/>
    public async Task RotateKeyAsync(byte[] newKey, byte[] currentKeySignature, byte[] newKeySignature) =>
        await ParticipantKeyChanges.RotateAsync(state, await parameters.GetAsync(), Role, this.GetPrimaryKeyString(),
            new KeyRotation(newKey, currentKeySignature, newKeySignature), TellHospitalAsync);

    /// <inheritdoc/>
    public Task<bool> RevokeAsync() => ParticipantKeyChanges.RevokeAsync(state, TellHospitalAsync);

    /// <inheritdoc/>
    public Task<bool> IsRevokedAsync() => Task.FromResult(state.State.Revoked);

    /// <inheritdoc/>
    public Task<HospitalReport> ReportHospitalAsync(string hospitalId, string reason) =>
        GrainFactory.GetSystemManager().ReportHospitalAsync(this.GetPrimaryKeyString(), hospitalId, reason);

    private Task TellHospitalAsync(byte[] key) =>
        GrainFactory.GetGrain<IHospitalGrain>(state.State.HospitalId).UpdateDoctorAsync(this.GetPrimaryKeyString(), key, state.State.Revoked);
}
