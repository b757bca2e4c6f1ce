using MedChain.GrainInterfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedChain.Api.Hosting;

/// <summary>Ready when the cluster answers a cheap call (the SM's "is it set up?") within 3 seconds.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            string? parameters = await cluster.GetSystemManager().FindParametersAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy(parameters is null ? "cluster answers; system not set up" : "cluster answers");
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer");
        }
    }
}
