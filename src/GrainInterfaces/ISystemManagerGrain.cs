using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The system manager (SM), one per deployment (key "sm"): runs Initialization once at the
/// configured level and serves the public parameters; admits hospitals (issues PID_i) and keeps
/// their public keys and credit scores.
/// </summary>
[Alias("medchain.ISystemManagerGrain")]
public interface ISystemManagerGrain : IGrainWithStringKey
{
    /// <summary>The public parameters as versioned JSON; initializes the system on first call.</summary>
    [Alias("GetParameters")]
    Task<string> GetParametersAsync();

    /// <summary>Admits a hospital with its public key and issues its PID_i (idempotent for the same key).</summary>
    [Alias("RegisterHospital")]
    Task<HospitalRegistration> RegisterHospitalAsync(string hospitalId, byte[] publicKey);

    /// <summary>A registered hospital, or null.</summary>
    [Alias("GetHospital")]
    Task<HospitalRegistration?> GetHospitalAsync(string hospitalId);
}
