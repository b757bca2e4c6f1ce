using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The proxy's tamper-evident access log (<see cref="SingletonGrains.AccessLogKey"/>): every record
/// the proxy hands out, as entries chained by a keyed hash that only the silos can compute.
/// </summary>
[Alias("medchain.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Logs that a doctor received these records of a patient under a consent; returns once they are stored.</summary>
    [Alias("Append")]
    Task AppendAsync(string doctorId, string patientId, string consentId, RecordAccess[] records);

    /// <summary>The log from a sequence number on (at most 1000 entries).</summary>
    [Alias("Read")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<AccessEntry[]> ReadAsync(long fromSequence);

    /// <summary>
    /// Checks the whole log against its keyed hash chain: the number of entries, and the sequence
    /// number of the first altered, missing or reordered one (null when intact).
    /// </summary>
    [Alias("Audit")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<(long Count, long? FirstBroken)> AuditAsync();
}
