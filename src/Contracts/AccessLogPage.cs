namespace MedChain.Contracts;

/// <summary>The access log's audit (entries in all; the first altered, missing or reordered one, or null) and a page of entries.</summary>
public sealed record AccessLogPage(long Count, long? FirstBroken, AccessLogEntry[] Entries);
