using MedChain.Api.Errors;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Looking up the registered participants an endpoint names, and the answers when they are not.</summary>
internal static class Participants
{
    /// <summary>A hospital's registration at the SM, or null.</summary>
    public static Task<HospitalRegistration?> HospitalAsync(IClusterClient cluster, string hospitalId) =>
        cluster.GetSystemManager().GetHospitalAsync(hospitalId);

    /// <summary>A doctor's profile, or null.</summary>
    public static Task<DoctorProfile?> DoctorAsync(IClusterClient cluster, string doctorId) =>
        cluster.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync();

    /// <summary>404 for a hospital.</summary>
    public static ProblemHttpResult HospitalNotFound(string hospitalId) => Problems.NotFound($"Hospital '{hospitalId}' is not registered.");

    /// <summary>404 for a doctor.</summary>
    public static ProblemHttpResult DoctorNotFound(string doctorId) => Problems.NotFound($"Doctor '{doctorId}' is not registered.");
}
