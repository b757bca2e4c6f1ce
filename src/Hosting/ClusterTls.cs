using System.Security.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace MedChain.Hosting;

/// <summary>
/// Mutual TLS 1.3 on every link of the cluster: silo to silo and API (cluster client) to gateway.
/// Both ends show their node certificate and accept only a peer of the same deployment
/// (<see cref="DeploymentCredentials.IsDeploymentPeer"/>); a process without such a certificate
/// cannot join the cluster or call a grain. Required outside the Development environment: there a
/// host without <see cref="ClusterTlsOptions"/> refuses to start, naming the key.
/// </summary>
public static class ClusterTls
{
    /// <summary>The name a connecting node asks for (SNI); peers are checked by issuer, not by name.</summary>
    public const string NodeName = "medchain-node";

    /// <summary>Mutual TLS on the silo's silo-to-silo and gateway links.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, IConfiguration configuration, IHostEnvironment environment)
    {
        DeploymentCredentials? credentials = Read(configuration, environment);
        if (credentials is null)
        {
            silo.Services.AddHostedService<PlaintextLinksWarning>();
            return silo;
        }
        return silo.UseClusterTls(credentials);
    }

    /// <summary>Mutual TLS on the silo's links with these credentials.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, DeploymentCredentials credentials)
    {
        silo.Services.AddSingleton(credentials);
        return silo.UseTls(credentials.Certificate, tls => Configure(tls, credentials));
    }

    /// <summary>Mutual TLS on the client's gateway links.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, IConfiguration configuration, IHostEnvironment environment)
    {
        DeploymentCredentials? credentials = Read(configuration, environment);
        if (credentials is null)
        {
            client.Services.AddHostedService<PlaintextLinksWarning>();
            return client;
        }
        return client.UseClusterTls(credentials);
    }

    /// <summary>Mutual TLS on the client's gateway links with these credentials.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, DeploymentCredentials credentials)
    {
        client.Services.AddSingleton(credentials);
        return client.UseTls(credentials.Certificate, tls => Configure(tls, credentials));
    }

    /// <summary>The deployment's credentials, or null for plain links in Development; throws <see cref="ClusterTlsException"/> naming the key.</summary>
    public static DeploymentCredentials? Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ClusterTlsOptions options = ClusterTlsOptions.Read(configuration);
        if (options.IsEmpty)
        {
            return environment.IsDevelopment()
                ? null
                : throw new ClusterTlsException(
                    $"{ClusterTlsOptions.Key(nameof(ClusterTlsOptions.CertificatePath))}, {nameof(ClusterTlsOptions.KeyPath)} and {nameof(ClusterTlsOptions.AuthorityPath)} are required outside Development: the cluster's links are mutual TLS (infra/start.sh makes the deployment's certificates).");
        }
        foreach ((string name, string? value) in new[]
        {
            (nameof(ClusterTlsOptions.CertificatePath), options.CertificatePath),
            (nameof(ClusterTlsOptions.KeyPath), options.KeyPath),
            (nameof(ClusterTlsOptions.AuthorityPath), options.AuthorityPath),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ClusterTlsException($"{ClusterTlsOptions.Key(name)} is required with the other {ClusterTlsOptions.Section} paths.");
            }
        }
        return DeploymentCredentials.Load(options.CertificatePath!, options.KeyPath!, options.AuthorityPath!);
    }

    private static void Configure(TlsOptions tls, DeploymentCredentials credentials)
    {
        tls.SslProtocols = SslProtocols.Tls13;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The platform's verdict (an unknown root, a name) is replaced by the deployment's own check.
        tls.RemoteCertificateValidation = (peer, _, _) => credentials.IsDeploymentPeer(peer);
        tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = NodeName;
        tls.HandshakeTimeout = TimeSpan.FromSeconds(10);
    }

    private sealed class PlaintextLinksWarning(ILogger<PlaintextLinksWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Cluster links are plain TCP (Development, no {Section} settings): anything that reaches the silo and gateway ports is trusted.", ClusterTlsOptions.Section);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
