using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.Hosting;

/// <summary>How silos find each other and clients find gateways (<c>Silo:Clustering</c>, <c>Api:Clustering</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine (the default).</summary>
    Localhost,

    /// <summary>Several silos, their membership table in Azure Table storage (the silos' own storage account).</summary>
    AzureStorage,

    /// <summary>Several silos, their membership table in Redis.</summary>
    Redis,
}

/// <summary>Reads a host's <see cref="ClusteringMode"/>, which decides how the host is built and so is read when it is.</summary>
public static class ClusteringModes
{
    /// <summary>The mode at <c>{section}:Clustering</c> (Localhost when unset); an unknown value stops start-up naming the key.</summary>
    public static ClusteringMode Read(IConfiguration configuration, string section, Type optionsType)
    {
        string? value = configuration[$"{section}:Clustering"];
        if (string.IsNullOrEmpty(value))
        {
            return ClusteringMode.Localhost;
        }
        return Enum.TryParse(value, ignoreCase: true, out ClusteringMode mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _)
            ? mode
            : throw new OptionsValidationException(section, optionsType, [$"{section}:Clustering must be Localhost, AzureStorage or Redis (not '{value}')."]);
    }
}
