using Microsoft.Extensions.Configuration;

namespace MedChain.Hosting;

/// <summary>
/// Mutual TLS on the cluster's links (configuration section "ClusterTls", the same for silos and API
/// instances): PEM files of this process's node certificate, its private key (owner-only) and the
/// deployment authority's certificate. infra/start.sh and infra/cluster.sh make them on first run.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "ClusterTls";

    /// <summary>This node's certificate (PEM), issued by the authority.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>This node's private key (PEM, unencrypted PKCS#8; keep the file owner-only).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The deployment authority's certificate (PEM).</summary>
    public string? AuthorityPath { get; set; }

    /// <summary>The full configuration key of a property, for messages.</summary>
    public static string Key(string property) => $"{Section}:{property}";

    /// <summary>Reads the section; all three paths or none.</summary>
    public static ClusterTlsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();

    /// <summary>Whether none of the paths is set (links in plain TCP).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(CertificatePath) && string.IsNullOrWhiteSpace(KeyPath) && string.IsNullOrWhiteSpace(AuthorityPath);
}
