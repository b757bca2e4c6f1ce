using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Sharing;

/// <summary>The access log's stored state: its last entry (the entries are rows of the <see cref="Storage.IAccessLogStore"/>).</summary>
public sealed class AccessLogState
{
    /// <summary>The last entry, null before the first access.</summary>
    public AccessEntry? Head { get; set; }

    /// <summary>The public root of the entries' MACs (<c>LogConsistency.ExtendAccessLog</c>); empty when not computed yet (a log kept before roots).</summary>
    public byte[] Root { get; set; } = [];
}
