using MedChain.Hosting;

namespace MedChain.Silo;

/// <summary>
/// How this silo joins the cluster and where it stores state (configuration section "Silo"), bound
/// and checked by <see cref="SiloHostOptionsValidator"/> at start: a missing or bad value stops the
/// silo with a message naming its key.
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Silo";

    /// <summary>Localhost (one silo, the default), AzureStorage (several silos, membership on <see cref="StorageConnectionString"/>) or Redis (several silos).</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>Redis connection string when <see cref="Clustering"/> is "Redis".</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Azure Storage connection string; default: Azurite on 127.0.0.1.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "medchain";

    /// <summary>Orleans service id (blob names include it: keep it stable).</summary>
    public string ServiceId { get; set; } = "medchain";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;
}
