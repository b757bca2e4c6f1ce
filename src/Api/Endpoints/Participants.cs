using MedChain.Api.Errors;
using MedChain.Api.Validation;
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

    /// <summary>A registered hospital, or the answer when the id is malformed (400) or unknown (404).</summary>
    public static Task<(HospitalRegistration? Hospital, ProblemHttpResult? Problem)> FindHospitalAsync(IClusterClient cluster, string hospitalId) =>
        FindAsync(hospitalId, "hospitalId", () => HospitalAsync(cluster, hospitalId), HospitalNotFound);

    /// <summary>A registered doctor's profile, or the answer when the id is malformed (400) or unknown (404).</summary>
    public static Task<(DoctorProfile? Profile, ProblemHttpResult? Problem)> FindDoctorAsync(IClusterClient cluster, string doctorId) =>
        FindAsync(doctorId, "doctorId", () => DoctorAsync(cluster, doctorId), DoctorNotFound);

    /// <summary>404 for a hospital.</summary>
    public static ProblemHttpResult HospitalNotFound(string hospitalId) => Problems.NotFound($"Hospital '{hospitalId}' is not registered.");

    /// <summary>404 for a doctor.</summary>
    public static ProblemHttpResult DoctorNotFound(string doctorId) => Problems.NotFound($"Doctor '{doctorId}' is not registered.");

    private static async Task<(T? Found, ProblemHttpResult? Problem)> FindAsync<T>(string id, string field, Func<Task<T?>> find, Func<string, ProblemHttpResult> notFound)
        where T : class
    {
        var fields = new RequestFields();
        fields.Id(id, field);
        if (fields.Problem is { } problem)
        {
            return (null, problem);
        }
        return await find() is { } found ? (found, null) : (null, notFound(id));
    }
}
