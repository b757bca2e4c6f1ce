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
    /// Files a doctor's report about his hospital for the sm-admin to decide (the paper: "the SM will
    /// punish the hospital"). Only a doctor in good standing registered there may report it (the SM
    /// checks with the doctor's profile and the hospital's register), once while his report is
    /// pending or upheld; a <see cref="RefusalException"/> otherwise, or for an unknown hospital.
    /// </summary>
    [Alias("ReportHospital")]
    Task<HospitalReport> ReportHospitalAsync(string doctorId, string hospitalId, string reason);

    /// <summary>The reports, newest first, optionally only those in one status.</summary>
    [Alias("GetReports")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalReport[]> GetReportsAsync(ReportStatus? status);

    /// <summary>
    /// The sm-admin's decision on a pending report: upheld costs the hospital credit by the policy
    /// (suspending it at the threshold), dismissed changes nothing. Returns the hospital after.
    /// </summary>
    [Alias("DecideReport")]
    Task<HospitalRegistration> DecideReportAsync(string reportId, bool uphold);

    /// <summary>The sm-admin lifts a hospital's suspension: its credit is restored to the initial score. Returns the hospital after.</summary>
    [Alias("ReinstateHospital")]
    Task<HospitalRegistration> ReinstateHospitalAsync(string hospitalId);

    /// <summary>A registered hospital, or null.</summary>
    [Alias("GetHospital")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalRegistration?> GetHospitalAsync(string hospitalId);

    /// <summary>The master key x, still encrypted under the silos' key-encryption key (for the checkpoint signers, which unwrap it in the silo).</summary>
    [Alias("GetProtectedMasterKey")]
    Task<byte[]> GetProtectedMasterKeyAsync();
}
