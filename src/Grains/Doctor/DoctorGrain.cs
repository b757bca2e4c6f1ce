using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Doctor;

/// <summary><see cref="IDoctorGrain"/>: the profile is set once; registration answers after its write succeeded, and a failed write is undone.</summary>
public sealed class DoctorGrain(
    [PersistentState("doctor", MedChainGrainServices.StateStorage)] IPersistentState<DoctorState> state) : Grain, IDoctorGrain
{
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
        Task.FromResult(state.State.PublicKey.Length == 0 ? null : new DoctorProfile(state.State.PublicKey, state.State.HospitalId, state.State.HospitalPid));

    /// <inheritdoc/>
    public Task<HospitalReport> ReportHospitalAsync(string hospitalId, string reason) =>
        GrainFactory.GetSystemManager().ReportHospitalAsync(this.GetPrimaryKeyString(), hospitalId, reason);
}
