using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Checkpoints;

/// <summary><see cref="IWitnessRegistryGrain"/>: the sm-admin's register of witnesses, acknowledged once stored.</summary>
public sealed class WitnessRegistryGrain(
    [PersistentState("witnesses", MedChainGrainServices.StateStorage)] IPersistentState<WitnessRegistryState> state,
    SystemParametersCache parameters) : Grain, IWitnessRegistryGrain
{
    /// <inheritdoc/>
    public async Task<WitnessInfo> RegisterAsync(string name, byte[] publicKey)
    {
        byte[] key = PublicKey.Decode(await parameters.GetAsync(), publicKey).Encode();
        if (state.State.Witnesses.TryGetValue(name, out byte[]? known))
        {
            return known.AsSpan().SequenceEqual(key)
                ? new WitnessInfo(name, known)
                : throw new RefusalException(Refusal.Conflict, $"Witness '{name}' is registered with another key.");
        }
        state.State.Witnesses[name] = key;
        await state.WriteOrUndoAsync(() => state.State.Witnesses.Remove(name));
        return new WitnessInfo(name, key);
    }

    /// <inheritdoc/>
    public async Task<bool> RemoveAsync(string name)
    {
        if (!state.State.Witnesses.Remove(name, out byte[]? key))
        {
            return false;
        }
        await state.WriteOrUndoAsync(() => state.State.Witnesses[name] = key);
        return true;
    }

    /// <inheritdoc/>
    public Task<WitnessInfo[]> GetAllAsync() =>
        Task.FromResult(state.State.Witnesses.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WitnessInfo(w.Key, w.Value)).ToArray());
}
