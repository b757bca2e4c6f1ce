namespace MedChain.Grains.Checkpoints;

/// <summary>The newest witnessed checkpoint of one log (size -1: none yet).</summary>
public sealed class WitnessedLogState
{
    /// <summary>Its size; -1 before the first cosignature.</summary>
    public long Size { get; set; } = -1;

    /// <summary>Its root.</summary>
    public byte[] Root { get; set; } = [];

    /// <summary>The witnesses that cosigned it.</summary>
    public List<string> Witnesses { get; set; } = [];

    /// <summary>When the last cosignature arrived (Unix ms).</summary>
    public long AtMs { get; set; }

    /// <summary>The note with every cosignature it carries.</summary>
    public string Note { get; set; } = "";
}
