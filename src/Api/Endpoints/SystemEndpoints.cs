using MedChain.Api.Errors;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>The system manager's public side: the parameters (III.A) and their one-time setup.</summary>
public static class SystemEndpoints
{
    /// <summary>Maps /system.</summary>
    public static void MapSystem(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/system").WithTags("System");
        group.MapGet("/parameters", GetParametersAsync).AllowAnonymous()
            .WithSummary("The public parameters (level, seed, Y) as versioned JSON; 404 before setup.");
        group.MapPost("/setup", SetupAsync).RequireAuthorization(Roles.SmAdmin)
            .WithSummary("Runs the SM's initialization at the cluster's level (once; later calls return the same parameters).");
        group.MapGet("/access-log", AccessLogAsync).RequireAuthorization(Roles.SmAdmin)
            .WithSummary("The proxy's access log from a sequence number on (1000 at most), with the audit of its keyed hash chain.");
    }

    private static async Task<ContentHttpResult> GetParametersAsync(IClusterClient cluster) =>
        TypedResults.Content(
            await cluster.GetSystemManager().FindParametersAsync()
                ?? throw ApiProblemException.NotFound("The system is not set up yet: an sm-admin must POST /system/setup first."),
            "application/json");

    private static async Task<Ok<AccessLogPage>> AccessLogAsync(IClusterClient cluster, long from = 0)
    {
        IAccessLogGrain log = cluster.GetAccessLog();
        (long count, long? broken) = await log.AuditAsync();
        AccessEntry[] entries = await log.ReadAsync(Math.Max(0, from));
        return TypedResults.Ok(new AccessLogPage(count, broken, [.. entries.Select(a =>
            new AccessLogEntry(a.Sequence, a.TimeMs, a.DoctorId, a.PatientId, a.HospitalId, a.RecordId, a.ConsentId, Convert.ToHexString(a.Hash)))]));
    }

    private static async Task<ContentHttpResult> SetupAsync(IClusterClient cluster) =>
        TypedResults.Content(await cluster.GetSystemManager().GetParametersAsync(), "application/json");
}
