using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.Hosting;

/// <summary>
/// The credentials one process of a deployment shows on the cluster's links: its node certificate
/// (with the private key) and the deployment authority, the one certificate authority that issues
/// the certificates of the deployment's silos and API instances. A peer is accepted when its
/// certificate was issued directly by that authority, is valid now and may be used both to serve
/// and to connect (silos do both).
/// </summary>
public sealed class DeploymentCredentials : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private DeploymentCredentials(X509Certificate2 certificate, X509Certificate2 authority) => (Certificate, Authority) = (certificate, authority);

    /// <summary>This process's node certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The deployment authority's certificate (public).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>
    /// Loads PEM files: the node certificate and its key, and the authority's certificate. Throws
    /// <see cref="ClusterTlsException"/> naming the configuration key of the file that is missing,
    /// unreadable or does not fit (a node certificate the authority did not issue, or expired).
    /// </summary>
    public static DeploymentCredentials Load(string certificatePath, string keyPath, string authorityPath)
    {
        X509Certificate2 authority = Read(ClusterTlsOptions.Key(nameof(ClusterTlsOptions.AuthorityPath)), authorityPath, () => X509Certificate2.CreateFromPem(File.ReadAllText(authorityPath)));
        X509Certificate2 certificate;
        try
        {
            certificate = Read(ClusterTlsOptions.Key(nameof(ClusterTlsOptions.KeyPath)), keyPath, () => X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        }
        catch
        {
            authority.Dispose();
            throw;
        }
        var credentials = new DeploymentCredentials(certificate, authority);
        if (!credentials.IsDeploymentPeer(certificate))
        {
            credentials.Dispose();
            throw new ClusterTlsException(
                $"{ClusterTlsOptions.Key(nameof(ClusterTlsOptions.CertificatePath))}: the certificate was not issued by the authority at {ClusterTlsOptions.Key(nameof(ClusterTlsOptions.AuthorityPath))}, is not valid now, or lacks server and client authentication.");
        }
        return credentials;
    }

    /// <summary>Whether <paramref name="peer"/> belongs to this deployment (see the type's summary).</summary>
    public bool IsDeploymentPeer(X509Certificate2 peer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        try
        {
            // Issued directly by the authority: the chain is the peer and the authority, nothing else
            // (the authority's own certificate is no node's).
            return chain.Build(peer)
                && chain.ChainElements.Count == 2
                && chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span);
        }
        finally
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }

    private static X509Certificate2 Read(string key, string path, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ClusterTlsException($"{key}: cannot read a PEM certificate and key from the configured files ({e.GetType().Name}).");
        }
    }
}
