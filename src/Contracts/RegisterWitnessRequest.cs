namespace MedChain.Contracts;

/// <summary>A witness to register: its name (lowercase letters, digits, hyphens) and its public key (base64, compressed).</summary>
public sealed record RegisterWitnessRequest(string Name, string PublicKey);
