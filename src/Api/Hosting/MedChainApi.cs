using MedChain.Api.Endpoints;
using MedChain.Api.Errors;
using MedChain.Api.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace MedChain.Api.Hosting;

/// <summary>
/// The API's composition: its services (<see cref="AddMedChainApi"/>) and its pipeline and
/// endpoints (<see cref="UseMedChainApi"/>), each one extension per concern.
/// </summary>
public static class MedChainApi
{
    /// <summary>The default listening address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Options (checked at start), the cluster client, login, problems, limits, the OpenAPI document and the probes.</summary>
    public static WebApplicationBuilder AddMedChainApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? DefaultUrl);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SystemParametersClient>();
        builder.Services.AddSingleton<SealedBlocks>();
        return builder
            .AddClusterClient()
            .AddKeyLogin()
            .AddProblemResponses()
            .AddRequestLimits()
            .AddApiDocument()
            .AddHealthProbes();
    }

    /// <summary>The middleware in order, then every endpoint: the document and its reference, the probes, the resources.</summary>
    public static WebApplication UseMedChainApi(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseSmallBodiesExceptForRecords();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/v1.json");
        // The reference page works offline: its script is served here, and nothing it shows calls a service outside this API
        // (no CDN fonts, telemetry, request proxy, AI agent, MCP or developer-tools links).
        app.MapScalarApiReference("/scalar", o => o.WithOpenApiRoutePattern("/openapi/v1.json")
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools().HideClientButton());
        app.MapHealthProbes()
            .MapSystemEndpoints()
            .MapAuthEndpoints()
            .MapHospitalEndpoints()
            .MapDoctorEndpoints()
            .MapPatientEndpoints()
            .MapParticipantKeyEndpoints()
            .MapSharingEndpoints()
            .MapCheckpointEndpoints()
            .MapMatchingEndpoints();
        return app;
    }
}
