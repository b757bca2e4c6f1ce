namespace MedChain.Protocol.Checkpoints;

/// <summary>The append-only logs a deployment keeps checkpoints of.</summary>
public enum LogKind
{
    /// <summary>A hospital's chain: an entry is a block header, the root the head header's hash.</summary>
    Chain,

    /// <summary>A patient's access log: an entry is an entry's MAC, the root their hash chain (<see cref="LogConsistency.ExtendAccessLog"/>).</summary>
    AccessLog,
}
