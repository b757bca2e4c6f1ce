namespace MedChain.Silo;

/// <summary>How silos find each other (<c>Silo:Clustering</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine (the default).</summary>
    Localhost,

    /// <summary>Several silos, their membership table in Redis at <c>Silo:RedisConnectionString</c>.</summary>
    Redis,
}
