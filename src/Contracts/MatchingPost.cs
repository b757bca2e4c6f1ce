namespace MedChain.Contracts;

/// <summary>One message of the matching protocol: step number and payload (base64).</summary>
public sealed record MatchingPost(int Step, string Payload);
