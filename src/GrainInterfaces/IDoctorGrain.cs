using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>A doctor's public profile (key: doctor id): public key, hospital and its PID_i. Holds no private key.</summary>
[Alias("medchain.IDoctorGrain")]
public interface IDoctorGrain : IParticipantKeyGrain
{
    /// <summary>Records the doctor's public key and hospital (first call); a <see cref="RefusalException"/> for another key or hospital.</summary>
    [Alias("Register")]
    Task RegisterAsync(string hospitalId, byte[] hospitalPid, byte[] publicKey);

    /// <summary>The profile, or null when unknown.</summary>
    [Alias("GetProfile")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<DoctorProfile?> GetProfileAsync();

    /// <summary>
    /// Reports an illegal behaviour of his hospital to the SM (III.D), which files it for the
    /// sm-admin to decide (<see cref="ISystemManagerGrain.ReportHospitalAsync"/>).
    /// </summary>
    [Alias("ReportHospital")]
    Task<HospitalReport> ReportHospitalAsync(string hospitalId, string reason);
}
