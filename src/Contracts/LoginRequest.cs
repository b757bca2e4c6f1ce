namespace MedChain.Contracts;

/// <summary>The answer to a challenge: role, participant id, the nonce and the Schnorr signature (base64) of the login statement.</summary>
public sealed record LoginRequest(string Role, string Subject, string Nonce, string Signature);
