using MedChain.Api.Errors;
using MedChain.Api.Security;
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
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Runs the SM's initialization at the cluster's level (once; later calls return the same parameters).");
        group.MapGet("/access-log", GetAccessLogAsync).RequireAuthorization(Roles.SmAdmin).WithName("GetAccessLog")
            .ProducesProblems(400)
            .WithSummary("The proxy's access log from a sequence number on (1000 at most), with the audit of its keyed hash chain.");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetParametersAsync(IClusterClient cluster) =>
        await cluster.GetSystemManager().FindParametersAsync() is { } json
            ? TypedResults.Content(json, "application/json")
            : Problems.NotFound(Problems.NotSetUpDetail);

    private static async Task<ContentHttpResult> SetupAsync(IClusterClient cluster) =>
        TypedResults.Content(await cluster.GetSystemManager().GetParametersAsync(), "application/json");

    private static async Task<Ok<AccessLogPage>> GetAccessLogAsync(IClusterClient cluster, long from = 0)
    {
        IAccessLogGrain log = cluster.GetAccessLog();
        (long count, long? broken) = await log.AuditAsync();
        AccessEntry[] entries = await log.ReadAsync(Math.Max(0, from));
        return TypedResults.Ok(new AccessLogPage(count, broken, [.. entries.Select(a =>
            new AccessLogEntry(a.Sequence, a.TimeMs, a.DoctorId, a.PatientId, a.HospitalId, a.RecordId, a.ConsentId, Convert.ToHexString(a.Hash)))]));
    }
}
