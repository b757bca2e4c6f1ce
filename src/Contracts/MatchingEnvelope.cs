namespace MedChain.Contracts;

/// <summary>A relayed matching message: who sent it, the step and the payload (base64).</summary>
public sealed record MatchingEnvelope(string From, int Step, string Payload);
