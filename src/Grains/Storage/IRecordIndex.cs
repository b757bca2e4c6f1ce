namespace MedChain.Grains.Storage;

/// <summary>
/// Where the records of sealed blocks are, kept outside the hospital's grain state so that the
/// state stays the same size as the chain grows: by record id (for receipts) and by patient (for
/// search, whose cost then grows with that patient's records only). Entries are written when a
/// block is sealed, before the head moves; writing them again is harmless.
/// </summary>
public interface IRecordIndex
{
    /// <summary>Indexes a sealed block's records: (record id, patient id) in block order.</summary>
    Task AddBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default);

    /// <summary>Where a record is (height, index in the block), or null when no sealed block holds it.</summary>
    Task<(long Height, int Index)?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Where a patient's sealed records are, in chain order.</summary>
    Task<IReadOnlyList<(long Height, int Index)>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default);
}
