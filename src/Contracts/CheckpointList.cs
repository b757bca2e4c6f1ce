namespace MedChain.Contracts;

/// <summary>The current checkpoint of every log of the deployment, each a signed note (docs/security.md, "Checkpoints and witnesses").</summary>
public sealed record CheckpointList(string[] Checkpoints);
