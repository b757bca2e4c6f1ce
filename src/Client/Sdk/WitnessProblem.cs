namespace MedChain.Client.Sdk;

/// <summary>What a witness found wrong with one log (its origin) and where.</summary>
public sealed record WitnessProblem(string Origin, string Problem);
