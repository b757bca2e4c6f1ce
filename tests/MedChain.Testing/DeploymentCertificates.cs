using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.Testing;

/// <summary>
/// A deployment authority and one node certificate it issued, as the PEM files the hosts read
/// (ClusterTls:*), in an owner-only temporary folder: what infra/start.sh makes with openssl.
/// <see cref="Shared"/> is the test run's deployment; <see cref="Create"/> makes another one (a
/// stranger's, for attacks).
/// </summary>
public sealed class DeploymentCertificates
{
    private static readonly Lazy<DeploymentCertificates> SharedDeployment = new(() => Create("test-deployment"));

    private DeploymentCertificates(string folder) => Folder = folder;

    /// <summary>The test run's deployment, used by every silo and API the fixtures start.</summary>
    public static DeploymentCertificates Shared => SharedDeployment.Value;

    /// <summary>The folder holding authority.pem, node.pem and node.key.</summary>
    public string Folder { get; }

    /// <summary>The node certificate (PEM).</summary>
    public string CertificatePath => Path.Combine(Folder, "node.pem");

    /// <summary>The node's private key (PEM).</summary>
    public string KeyPath => Path.Combine(Folder, "node.key");

    /// <summary>The authority's certificate (PEM).</summary>
    public string AuthorityPath => Path.Combine(Folder, "authority.pem");

    /// <summary>The configuration keys and values that give a host these credentials.</summary>
    public IReadOnlyDictionary<string, string> Settings(string separator = ":") => new Dictionary<string, string>
    {
        [$"ClusterTls{separator}CertificatePath"] = CertificatePath,
        [$"ClusterTls{separator}KeyPath"] = KeyPath,
        [$"ClusterTls{separator}AuthorityPath"] = AuthorityPath,
    };

    /// <summary>Loads the credentials, as a host does from its settings.</summary>
    public MedChain.Hosting.DeploymentCredentials Load() => MedChain.Hosting.DeploymentCredentials.Load(CertificatePath, KeyPath, AuthorityPath);

    /// <summary>Makes an authority (P-256, self-signed) and a node certificate for server and client authentication.</summary>
    public static DeploymentCertificates Create(string name, bool nodeIsAuthority = false)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"medchain-tls-{name}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var deployment = new DeploymentCertificates(folder);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using ECDsa authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN={name} authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        File.WriteAllText(deployment.AuthorityPath, authority.ExportCertificatePem());

        using ECDsa nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest($"CN={name} node", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("medchain-node");
        nodeRequest.CertificateExtensions.Add(names.Build());
        using X509Certificate2 node = nodeRequest.Create(authority, now.AddMinutes(-5), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        if (nodeIsAuthority)
        {
            // The authority's own certificate and key presented as a node's.
            File.WriteAllText(deployment.CertificatePath, authority.ExportCertificatePem());
            WriteOwnerOnly(deployment.KeyPath, authorityKey.ExportPkcs8PrivateKeyPem());
        }
        else
        {
            File.WriteAllText(deployment.CertificatePath, node.ExportCertificatePem());
            WriteOwnerOnly(deployment.KeyPath, nodeKey.ExportPkcs8PrivateKeyPem());
        }
        return deployment;
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.Write(text);
    }
}
