using MedChain.Api.Errors;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
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
    }

    private static async Task<ContentHttpResult> GetParametersAsync(IClusterClient cluster) =>
        TypedResults.Content(
            await cluster.GetGrain<ISystemManagerGrain>("sm").FindParametersAsync()
                ?? throw ApiProblemException.NotFound("The system is not set up yet: an sm-admin must POST /system/setup first."),
            "application/json");

    private static async Task<ContentHttpResult> SetupAsync(IClusterClient cluster) =>
        TypedResults.Content(await cluster.GetGrain<ISystemManagerGrain>("sm").GetParametersAsync(), "application/json");
}
