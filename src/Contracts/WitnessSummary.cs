namespace MedChain.Contracts;

/// <summary>A registered witness: its name and public key (base64).</summary>
public sealed record WitnessSummary(string Name, string PublicKey);
