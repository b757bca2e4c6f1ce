namespace MedChain.Grains.Storage;

/// <summary>
/// Which patients have an access log, for the checkpoints: each log by the patient's storage
/// pseudonym (its name in checkpoints), with his id sealed under the key-encryption key.
/// </summary>
public interface ILogDirectory
{
    /// <summary>Adds a patient's log (again: a no-op).</summary>
    Task AddAsync(string pseudonym, string patientId, CancellationToken cancellationToken = default);

    /// <summary>Every log: pseudonym and patient id, in pseudonym order.</summary>
    Task<IReadOnlyList<(string Pseudonym, string PatientId)>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The patient whose log has this pseudonym, or null.</summary>
    Task<string?> FindAsync(string pseudonym, CancellationToken cancellationToken = default);
}
