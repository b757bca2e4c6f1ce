namespace MedChain.Api.Hosting;

/// <summary>How the API finds the silo cluster's gateways (<c>Api:Clustering</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine, at <c>Api:GatewayPort</c> (the default).</summary>
    Localhost,

    /// <summary>The silos' membership table in Redis, at <c>Api:RedisConnectionString</c>.</summary>
    Redis,
}
