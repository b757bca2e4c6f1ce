using MedChain.Api.Errors;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>The system manager's public side: the parameters (III.A), their one-time setup, and the proxy's access log.</summary>
public static class SystemEndpoints
{
    /// <summary>Maps /system.</summary>
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/system").WithTags("System");
        group.MapGet("/parameters", GetParametersAsync).AllowAnonymous().WithName("GetSystemParameters")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblems(404)
            .WithSummary("The public parameters (level, seed, Y) as versioned JSON; 404 before setup.");
        group.MapPost("/setup", SetupAsync).RequireAuthorization(Roles.SmAdmin).WithName("SetUpSystem")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblems(409)
            .WithSummary("Runs the SM's initialization at the cluster's level (once; later calls return the same parameters).");
        group.MapGet("/access-log", GetAccessLogAsync).RequireAuthorization(Roles.SmAdmin).WithName("GetAccessLog")
            .ProducesProblems(400)
            .WithSummary("A patient's access log (who received which of his records) from a sequence number on (1000 at most), with the audit of its keyed hash chain.");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetParametersAsync(IClusterClient cluster) =>
        await cluster.GetSystemManager().FindParametersAsync() is { } json
            ? TypedResults.Content(json, "application/json")
            : Problems.NotFound(Problems.NotSetUpDetail);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SetupAsync(IClusterClient cluster, AdminKey admin)
    {
        // The admin's own key must be as strong as the system it sets up (an 80-bit key would be the weakest link of a 128-bit one).
        int level = await cluster.GetSystemManager().GetSecurityLevelAsync();
        if (admin.Parameters.SecurityLevel < level)
        {
            return Problems.Conflict($"The sm-admin key is {admin.Parameters.SecurityLevel}-bit, below the cluster's {level}-bit level: make one with `medchain keys new --role sm-admin --level {level}`.");
        }
        return TypedResults.Content(await cluster.GetSystemManager().GetParametersAsync(), "application/json");
    }

    private static async Task<Results<Ok<AccessLogPage>, ProblemHttpResult>> GetAccessLogAsync(IClusterClient cluster, string? patientId, long from = 0)
    {
        var fields = new RequestFields();
        fields.Id(patientId, "patientId");
        return fields.Problem is { } problem ? problem : TypedResults.Ok(await ReadAccessLogAsync(cluster, patientId!, from));
    }

    /// <summary>A page of a patient's access log with the audit of the whole chain.</summary>
    internal static async Task<AccessLogPage> ReadAccessLogAsync(IClusterClient cluster, string patientId, long from)
    {
        IAccessLogGrain log = cluster.GetGrain<IAccessLogGrain>(patientId);
        (long count, long? broken) = await log.AuditAsync();
        AccessEntry[] entries = await log.ReadAsync(Math.Max(0, from));
        return new AccessLogPage(count, broken, [.. entries.Select(a =>
            new AccessLogEntry(a.Sequence, a.TimeMs, a.DoctorId, a.PatientId, a.HospitalId, a.RecordId, a.ConsentId, Convert.ToHexString(a.Hash)))]);
    }
}
