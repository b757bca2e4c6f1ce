namespace MedChain.Contracts;

/// <summary>A bearer token (JWT) with the participant id as subject and the role, and its expiry (Unix ms).</summary>
public sealed record LoginResponse(string Token, long ExpiresAtMs);
