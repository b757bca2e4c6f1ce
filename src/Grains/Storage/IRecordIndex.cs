using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Storage;

/// <summary>
/// Where the records of sealed blocks are, kept outside the hospital's grain state so that the
/// state stays the same size as the chain grows: by record id (for receipts, and so that a record
/// is sealed once) and by patient (for search, whose cost then grows with that patient's records
/// only). Rows are written when a block is sealed, before its block object and head, so a row's
/// place is checked against the chain by whoever reads it.
/// </summary>
public interface IRecordIndex
{
    /// <summary>
    /// Indexes a block's records at <paramref name="height"/> (record id, patient id, in block
    /// order) unless one of them already has a row anywhere: then the places such rows give are
    /// returned and the block's rows may be written in part. Empty when every row was written.
    /// </summary>
    Task<IReadOnlyDictionary<string, RecordPlace>> InsertBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default);

    /// <summary>Writes every row of a block's records at <paramref name="height"/>, replacing rows they had elsewhere.</summary>
    Task RewriteBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default);

    /// <summary>Where the record's row says it is, or null without a row.</summary>
    Task<RecordPlace?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Where a patient's records are, in chain order (places the caller checks against its head).</summary>
    Task<IReadOnlyList<RecordPlace>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default);
}
