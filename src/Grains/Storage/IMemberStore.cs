using MedChain.Grains.Hospital;

namespace MedChain.Grains.Storage;

/// <summary>
/// A hospital's registered doctors and patients, one row each, kept outside the hospital's grain
/// state so that the state's size does not grow with them (the grain caches the ones it uses).
/// Patients are named by their pseudonym in storage, and their evidence alpha is kept encrypted.
/// </summary>
public interface IMemberStore
{
    /// <summary>A registered doctor, or null.</summary>
    Task<DoctorEntry?> GetDoctorAsync(string hospitalId, string doctorId, CancellationToken cancellationToken = default);

    /// <summary>Stores (creates or replaces) a doctor's entry.</summary>
    Task PutDoctorAsync(string hospitalId, string doctorId, DoctorEntry doctor, CancellationToken cancellationToken = default);

    /// <summary>A registered patient, or null.</summary>
    Task<PatientEntry?> GetPatientAsync(string hospitalId, string patientPseudonym, CancellationToken cancellationToken = default);

    /// <summary>Stores (creates or replaces) a patient's entry.</summary>
    Task PutPatientAsync(string hospitalId, string patientPseudonym, PatientEntry patient, CancellationToken cancellationToken = default);
}
