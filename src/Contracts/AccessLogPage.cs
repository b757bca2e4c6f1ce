namespace MedChain.Contracts;

/// <summary>The access log's audit (entries in all; the first altered, missing or reordered one, or null), a page of entries, and the newest checkpoint a witness cosigned (null: none yet).</summary>
public sealed record AccessLogPage(long Count, long? FirstBroken, AccessLogEntry[] Entries, WitnessedCheckpointInfo? Witnessed);
