using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Matching;

/// <summary><see cref="IMatchingGrain"/>: a persistent, ordered mailbox for two parties.</summary>
public sealed class MatchingGrain(
    [PersistentState("matching", MedChainGrainServices.StateStorage)] IPersistentState<MatchingState> state) : Grain, IMatchingGrain
{
    private const int MaxMessages = 16;
    private const int MaxPayload = 4096;

    /// <inheritdoc/>
    public async Task<bool> OpenAsync(string initiator, string responder)
    {
        if (string.IsNullOrEmpty(initiator) || string.IsNullOrEmpty(responder) || initiator == responder)
        {
            throw new RefusalException(Refusal.Invalid, "A session needs two different parties.");
        }
        if (state.State.Initiator.Length > 0)
        {
            return state.State.Initiator == initiator && state.State.Responder == responder;
        }
        (state.State.Initiator, state.State.Responder) = (initiator, responder);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not opened: a retry writes it.
            (state.State.Initiator, state.State.Responder) = ("", "");
            throw;
        }
        return true;
    }

    /// <inheritdoc/>
    public async Task PostAsync(string from, int step, byte[] payload)
    {
        if (from != state.State.Initiator && from != state.State.Responder)
        {
            throw new RefusalException(Refusal.Conflict, "Only the session's two parties may post.");
        }
        if (state.State.Finished.Contains(from))
        {
            throw new RefusalException(Refusal.Conflict, "This party has finished the session.");
        }
        // Each party has half of the session's slots, so that one cannot fill the other's.
        if (payload.Length > MaxPayload || state.State.Messages.Count(m => m.From == from) >= MaxMessages / 2)
        {
            throw new RefusalException(Refusal.Conflict, "The message is too large or this party has sent all its messages.");
        }
        state.State.Messages.Add(new MatchingMessage(from, step, payload));
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Messages.RemoveAt(state.State.Messages.Count - 1);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> FinishAsync(string party)
    {
        if (party != state.State.Initiator && party != state.State.Responder)
        {
            return false;
        }
        if (state.State.Finished.Contains(party))
        {
            return true;
        }
        List<MatchingMessage> messages = state.State.Messages;
        state.State.Finished.Add(party);
        if (state.State.Finished.Count == 2)
        {
            // Both parties are done: nothing of the session is kept, and its id cannot be reopened by others.
            state.State.Messages = [];
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Finished.Remove(party);
            state.State.Messages = messages;
            throw;
        }
        return true;
    }

    /// <inheritdoc/>
    public Task<string[]?> GetPartiesAsync() =>
        Task.FromResult(state.State.Initiator.Length == 0 ? null : new[] { state.State.Initiator, state.State.Responder });

    /// <inheritdoc/>
    public Task<MatchingMessage[]> ReadAsync(string party, int fromIndex) =>
        Task.FromResult(state.State.Messages.Where(m => m.From != party).Skip(fromIndex).ToArray());
}
