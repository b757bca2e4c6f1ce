using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The proxy's tamper-evident access log of one patient (key: patient id): every record of his the
/// proxy hands out, as entries chained by a keyed hash that only the silos can compute. One chain
/// per patient, so that no grain every share passes through, and a patient can read his own.
/// </summary>
[Alias("medchain.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Logs that a doctor received these records of the patient under a consent; returns once they are stored.</summary>
    [Alias("Append")]
    Task AppendAsync(string doctorId, string consentId, RecordAccess[] records);

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

    /// <summary>The log's size and public root (the hash chain of its entries' MACs: <c>LogConsistency.ExtendAccessLog</c>).</summary>
    [Alias("GetLogRoot")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<(long Size, byte[] Root)> GetLogRootAsync();

    /// <summary>The MACs of the entries from sequence <paramref name="from"/> on (at most <paramref name="count"/>, at most 1000).</summary>
    [Alias("GetEntryMacs")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[][]> GetEntryMacsAsync(long from, int count);
}
