using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Checkpoints;

/// <summary><see cref="IWitnessedLogGrain"/>: keeps the newest checkpoint witnesses cosigned, acknowledged once stored.</summary>
public sealed class WitnessedLogGrain(
    [PersistentState("witnessed", MedChainGrainServices.StateStorage)] IPersistentState<WitnessedLogState> state,
    TimeProvider time) : Grain, IWitnessedLogGrain
{
    /// <inheritdoc/>
    public async Task<WitnessedCheckpoint> RecordAsync(long size, byte[] root, string[] witnesses, string note)
    {
        WitnessedLogState s = state.State;
        bool same = size == s.Size && root.AsSpan().SequenceEqual(s.Root);
        if (size < s.Size || (size == s.Size && !same) || (same && witnesses.All(s.Witnesses.Contains)))
        {
            // Older, or a conflicting note at the same size (the witness will have reported it), or nothing new.
            return Current()!;
        }
        var before = (s.Size, s.Root, s.Witnesses, s.AtMs, s.Note);
        (s.Size, s.Root, s.AtMs, s.Note) = (size, root, time.GetUtcNow().ToUnixTimeMilliseconds(), note);
        s.Witnesses = same ? [.. s.Witnesses.Union(witnesses).Order(StringComparer.Ordinal)] : [.. witnesses.Distinct().Order(StringComparer.Ordinal)];
        await state.WriteOrUndoAsync(() => (s.Size, s.Root, s.Witnesses, s.AtMs, s.Note) = before);
        return Current()!;
    }

    /// <inheritdoc/>
    public Task<WitnessedCheckpoint?> GetAsync() => Task.FromResult(Current());

    private WitnessedCheckpoint? Current() =>
        state.State.Size < 0 ? null : new WitnessedCheckpoint(state.State.Size, state.State.Root, [.. state.State.Witnesses], state.State.AtMs, state.State.Note);
}
