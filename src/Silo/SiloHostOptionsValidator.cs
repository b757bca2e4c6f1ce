using MedChain.Hosting;
using Microsoft.Extensions.Options;

namespace MedChain.Silo;

/// <summary>Checks <see cref="SiloHostOptions"/> at start; each failure names its configuration key and what it must be.</summary>
public sealed partial class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    [System.Text.RegularExpressions.GeneratedRegex("^(?=.{1,56}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex ServiceIdPattern();

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
        if (string.IsNullOrWhiteSpace(o.ServiceId) || !ServiceIdPattern().IsMatch(o.ServiceId))
        {
            failures.Add("Silo:ServiceId is required: lowercase letters, digits and single hyphens, at most 56 characters (it names the state container and prefixes blob names and table rows: keep it stable).");
        }
        if (o.SiloPort is <= 0 or > 65535 || o.GatewayPort is <= 0 or > 65535 || o.SiloPort == o.GatewayPort)
        {
            failures.Add("Silo:SiloPort and Silo:GatewayPort must be two different port numbers (1 to 65535).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
