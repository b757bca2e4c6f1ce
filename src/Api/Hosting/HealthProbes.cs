using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MedChain.Api.Hosting;

/// <summary>The probes: /health/live (the process answers) and /health/ready (the cluster answers); neither is rate-limited.</summary>
public static class HealthProbes
{
    /// <summary>Adds the readiness check of the cluster.</summary>
    public static WebApplicationBuilder AddHealthProbes(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps the probes; an orchestrator polling them must not eat a caller's budget or be refused.</summary>
    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).DisableRateLimiting();
        return app;
    }
}
