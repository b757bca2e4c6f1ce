namespace MedChain.Grains.Checkpoints;

/// <summary>The registered witnesses: name to public key (compressed).</summary>
public sealed class WitnessRegistryState
{
    /// <summary>Every witness by name.</summary>
    public Dictionary<string, byte[]> Witnesses { get; set; } = [];
}
