namespace MedChain.Client.Sdk;

/// <summary>One run of a <see cref="Witness"/>: logs checked, cosignatures the cluster took, and every problem found.</summary>
public sealed record WitnessReport(int Checked, int Cosigned, IReadOnlyList<WitnessProblem> Problems);
