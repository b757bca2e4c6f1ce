namespace MedChain.Contracts;

/// <summary>A patient opens a matching session with another patient.</summary>
public sealed record StartMatchingRequest(string SessionId, string Responder);
