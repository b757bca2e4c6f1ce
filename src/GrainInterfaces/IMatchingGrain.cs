using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The relay of one patients session (III.F; key: session id): carries the two patients' messages
/// in order, for both modes. It sees only what the patients send (shares, MACs, the wrapped key),
/// never a session key.
/// </summary>
[Alias("medchain.IMatchingGrain")]
public interface IMatchingGrain : IGrainWithStringKey
{
    /// <summary>Opens the session for two patient pseudonyms (the initiator first); false when it exists with others.</summary>
    [Alias("Open")]
    Task<bool> OpenAsync(string initiator, string responder);

    /// <summary>Posts a message from one of the two parties.</summary>
    [Alias("Post")]
    Task PostAsync(string from, int step, byte[] payload);

    /// <summary>
    /// A party leaves the session: it may post no more. When both have left, the relay forgets the
    /// session's messages. False when the caller is not a party.
    /// </summary>
    [Alias("Finish")]
    Task<bool> FinishAsync(string party);

    /// <summary>The two parties (initiator, responder), or null when the session was never opened.</summary>
    [Alias("GetParties")]
    Task<string[]?> GetPartiesAsync();

    /// <summary>The messages addressed to a party (those from the other), from an index on.</summary>
    [Alias("Read")]
    Task<MatchingMessage[]> ReadAsync(string party, int fromIndex);
}
