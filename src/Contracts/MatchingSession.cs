namespace MedChain.Contracts;

/// <summary>A matching session's id and parties.</summary>
public sealed record MatchingSession(string SessionId, string Initiator, string Responder);
