using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Doctor;

/// <summary><see cref="IDoctorGrain"/>.</summary>
public sealed class DoctorGrain(
    [PersistentState("doctor", MedChainGrainServices.StateStorage)] IPersistentState<DoctorState> state) : Grain, IDoctorGrain
{
    /// <inheritdoc/>
    public async Task RegisterAsync(string hospitalId, byte[] hospitalPid, byte[] publicKey)
    {
        if (state.State.PublicKey.Length == 0)
        {
            state.State.PublicKey = publicKey;
            state.State.HospitalId = hospitalId;
            state.State.HospitalPid = hospitalPid;
            await state.WriteStateAsync();
        }
        else if (!state.State.PublicKey.AsSpan().SequenceEqual(publicKey) || state.State.HospitalId != hospitalId)
        {
            throw new InvalidOperationException($"Doctor {this.GetPrimaryKeyString()} is registered elsewhere or with another key.");
        }
    }

    /// <inheritdoc/>
    public Task<DoctorProfile?> GetProfileAsync() =>
        Task.FromResult(state.State.PublicKey.Length == 0 ? null : new DoctorProfile(state.State.PublicKey, state.State.HospitalId, state.State.HospitalPid));

    /// <inheritdoc/>
    public Task<int> ReportHospitalAsync(string hospitalId, string reason) =>
        GrainFactory.GetGrain<ISystemManagerGrain>(SchemeParameters.SystemManagerKey).ReportHospitalAsync(this.GetPrimaryKeyString(), hospitalId, reason);
}
