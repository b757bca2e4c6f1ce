using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The system manager (SM), one per deployment (<see cref="SingletonGrains.SystemManagerKey"/>):
/// runs Initialization once at the configured level and serves the public parameters; admits
/// hospitals, issues their pseudonyms PID_i and opens them; keeps the hospitals' public keys and
/// credit scores and upholds doctors' reports.
/// </summary>
[Alias("medchain.ISystemManagerGrain")]
public interface ISystemManagerGrain : IGrainWithStringKey
{
    /// <summary>The public parameters as versioned JSON; initializes the system on first call.</summary>
    [Alias("GetParameters")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> GetParametersAsync();

    /// <summary>The security level the system is (or will be) set up at: 80, 112 or 128.</summary>
    [Alias("GetSecurityLevel")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<int> GetSecurityLevelAsync();

    /// <summary>The public parameters when the system has been set up, else null (never initializes).</summary>
    [Alias("FindParameters")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string?> FindParametersAsync();

    /// <summary>The ids of every admitted hospital (for the silos' keeper, which wakes hospitals with pending records).</summary>
    [Alias("GetHospitalIds")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> GetHospitalIdsAsync();

    /// <summary>
    /// Admits a hospital with its public key and issues its PID_i (idempotent for the same key); a
    /// <see cref="RefusalException"/> for a bad id or another key.
    /// </summary>
    [Alias("RegisterHospital")]
    Task<HospitalRegistration> RegisterHospitalAsync(string hospitalId, byte[] publicKey);

    /// <summary>The hospital behind a PID_i (the SM issued it and can open it), or null.</summary>
    [Alias("GetHospitalByPid")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalRegistration?> GetHospitalByPidAsync(byte[] pid);

    /// <summary>
    /// A doctor's report about a hospital. Upheld when the doctor is registered there (the SM checks
    /// with the doctor's profile and the hospital's register); an upheld report costs the hospital
    /// credit by the policy. Returns the credit after; a <see cref="RefusalException"/> for an unknown hospital.
    /// </summary>
    [Alias("ReportHospital")]
    Task<int> ReportHospitalAsync(string doctorId, string hospitalId, string reason);

    /// <summary>A registered hospital, or null.</summary>
    [Alias("GetHospital")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalRegistration?> GetHospitalAsync(string hospitalId);
}
