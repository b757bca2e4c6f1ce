namespace MedChain.Grains.Storage;

/// <summary>
/// Where the records of sealed blocks are, kept outside the hospital's grain state so that the
/// state stays the same size as the chain grows: by record id (for receipts, and so that a record
/// is sealed once) and by patient (for search, whose cost then grows with that patient's records
/// only). Entries are written when a block is sealed, before its block object and head.
/// </summary>
public interface IRecordIndex
{
    /// <summary>
    /// Indexes a block's records at <paramref name="height"/>: (record id, patient id) in block
    /// order. With <paramref name="replace"/> every row is written. Without it, a record that
    /// already has a row (anywhere) keeps it: the call then returns the places such rows give for
    /// the block's records, and the block's rows may be written in part. Empty when all were written.
    /// </summary>
    Task<IReadOnlyDictionary<string, (long Height, int Index)>> AddBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, bool replace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where the record's row says it is (height, index in the block), or null without a row.
    /// Rows are written before their block and head: the caller checks the place against the chain.
    /// </summary>
    Task<(long Height, int Index)?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Where a patient's records are, in chain order (as <see cref="FindAsync"/>, places the caller checks against its head).</summary>
    Task<IReadOnlyList<(long Height, int Index)>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default);
}
