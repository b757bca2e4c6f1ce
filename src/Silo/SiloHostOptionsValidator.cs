using Microsoft.Extensions.Options;

namespace MedChain.Silo;

/// <summary>Checks <see cref="SiloHostOptions"/> at start; each failure names its configuration key and what it must be.</summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SiloHostOptions o)
    {
        var failures = new List<string>();
        if (o.Clustering == ClusteringMode.Redis && string.IsNullOrWhiteSpace(o.RedisConnectionString))
        {
            failures.Add("Silo:RedisConnectionString is required when Silo:Clustering is Redis.");
        }
        if (string.IsNullOrWhiteSpace(o.StorageConnectionString))
        {
            failures.Add("Silo:StorageConnectionString is required (Azure Storage; UseDevelopmentStorage=true for Azurite).");
        }
        if (string.IsNullOrWhiteSpace(o.ClusterId))
        {
            failures.Add("Silo:ClusterId is required.");
        }
        if (string.IsNullOrWhiteSpace(o.ServiceId))
        {
            failures.Add("Silo:ServiceId is required (blob names include it: keep it stable).");
        }
        if (o.SiloPort is <= 0 or > 65535 || o.GatewayPort is <= 0 or > 65535 || o.SiloPort == o.GatewayPort)
        {
            failures.Add("Silo:SiloPort and Silo:GatewayPort must be two different port numbers (1 to 65535).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
