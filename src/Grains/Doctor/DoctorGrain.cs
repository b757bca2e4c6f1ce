using MedChain.GrainInterfaces;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Doctor;

/// <summary><see cref="IDoctorGrain"/>.</summary>
public sealed class DoctorGrain(
    [PersistentState("doctor", MedChainGrainServices.StateStorage)] IPersistentState<DoctorState> state) : Grain, IDoctorGrain
{
    /// <inheritdoc/>
    public async Task RegisterAsync(string hospitalId, byte[] publicKey)
    {
        if (state.State.PublicKey.Length == 0)
        {
            state.State.PublicKey = publicKey;
            state.State.HospitalId = hospitalId;
            await state.WriteStateAsync();
        }
        else if (!state.State.PublicKey.AsSpan().SequenceEqual(publicKey) || state.State.HospitalId != hospitalId)
        {
            throw new InvalidOperationException($"Doctor {this.GetPrimaryKeyString()} is registered elsewhere or with another key.");
        }
    }

    /// <inheritdoc/>
    public Task<(byte[] PublicKey, string HospitalId)?> GetProfileAsync() =>
        Task.FromResult<(byte[], string)?>(state.State.PublicKey.Length == 0 ? null : (state.State.PublicKey, state.State.HospitalId));

    /// <inheritdoc/>
    public Task<int> ReportHospitalAsync(string hospitalId, string reason) =>
        GrainFactory.GetGrain<ISystemManagerGrain>(SchemeParameters.SystemManagerKey).ReportHospitalAsync(this.GetPrimaryKeyString(), hospitalId, reason);
}
