using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The system manager (SM), one per deployment (key "sm"): runs Initialization once at the
/// configured level and serves the public parameters; admits hospitals (issues PID_i) and keeps
/// their public keys and credit scores; acts as the re-encryption proxy and keeps a hash-chained
/// access log.
/// </summary>
[Alias("medchain.ISystemManagerGrain")]
public interface ISystemManagerGrain : IGrainWithStringKey
{
    /// <summary>The public parameters as versioned JSON; initializes the system on first call.</summary>
    [Alias("GetParameters")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> GetParametersAsync();

    /// <summary>The public parameters when the system has been set up, else null (never initializes).</summary>
    [Alias("FindParameters")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string?> FindParametersAsync();

    /// <summary>The ids of every admitted hospital (for the silos' keeper, which wakes hospitals with pending records).</summary>
    [Alias("GetHospitalIds")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> GetHospitalIdsAsync();

    /// <summary>Admits a hospital with its public key and issues its PID_i (idempotent for the same key).</summary>
    [Alias("RegisterHospital")]
    Task<HospitalRegistration> RegisterHospitalAsync(string hospitalId, byte[] publicKey);

    /// <summary>
    /// The re-encryption proxy (III.E, product mode): under a valid consent, fetches the patient's
    /// records matching each trapdoor from each hospital, named by its PID_i (base64), checks every
    /// record and the re-key, re-encrypts for the doctor and logs every access. Refused without a
    /// valid consent.
    /// </summary>
    [Alias("Share")]
    Task<ShareResult> ShareAsync(string patientId, string consentId, string doctorId, Dictionary<string, byte[]> trapdoorsByHospitalPid);

    /// <summary>The hospital behind a PID_i (the SM issued it and can open it), or null.</summary>
    [Alias("GetHospitalByPid")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalRegistration?> GetHospitalByPidAsync(byte[] pid);

    /// <summary>The access log from a sequence number on (at most 1000 entries).</summary>
    [Alias("GetAccessLog")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<AccessEntry[]> GetAccessLogAsync(long fromSequence);

    /// <summary>
    /// Checks the whole access log against its keyed hash chain (the key is the silos'): the
    /// number of entries, and the sequence number of the first altered, missing or reordered one (null when intact).
    /// </summary>
    [Alias("AuditAccessLog")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<(long Count, long? FirstBroken)> AuditAccessLogAsync();

    /// <summary>
    /// A doctor's report about a hospital. Upheld when the doctor is registered there (the SM checks
    /// with the doctor's profile); an upheld report costs the hospital credit by the policy. Returns the credit after.
    /// </summary>
    [Alias("ReportHospital")]
    Task<int> ReportHospitalAsync(string doctorId, string hospitalId, string reason);

    /// <summary>A registered hospital, or null.</summary>
    [Alias("GetHospital")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<HospitalRegistration?> GetHospitalAsync(string hospitalId);
}
