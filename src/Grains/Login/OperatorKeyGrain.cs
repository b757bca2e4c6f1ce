using MedChain.GrainInterfaces;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Login;

/// <summary><see cref="IOperatorKeyGrain"/>: set once (the same key again is accepted), validated as a public key.</summary>
public sealed class OperatorKeyGrain(
    [PersistentState("operator", MedChainGrainServices.StateStorage)] IPersistentState<OperatorKeyState> state,
    SystemParametersCache parameters) : Grain, IOperatorKeyGrain
{
    /// <inheritdoc/>
    public async Task<bool> SetAsync(byte[] publicKey)
    {
        byte[] key = PublicKey.Decode(await parameters.GetAsync(), publicKey).Encode();
        if (state.State.PublicKey.Length > 0)
        {
            return state.State.PublicKey.AsSpan().SequenceEqual(key);
        }
        state.State.PublicKey = key;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: nobody may log in with it, and a retry must write it.
            state.State.PublicKey = [];
            throw;
        }
        return true;
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync() => Task.FromResult(state.State.PublicKey.Length == 0 ? null : state.State.PublicKey);
}
