namespace MedChain.Contracts;

/// <summary>A single-use nonce to sign (see <c>LoginStatement</c>) and when it expires (Unix ms).</summary>
public sealed record ChallengeResponse(string Nonce, long ExpiresAtMs);
