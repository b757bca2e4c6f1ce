using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MedChain.GrainInterfaces;
using MedChain.Hosting;
using MedChain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace MedChain.Api.Tests.Security;

/// <summary>
/// Issue 11 §6: the silo-to-silo and gateway ports speak mutual TLS and accept only the
/// deployment's certificates; a process without one cannot reach a grain.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClusterTlsTests(ApiFixture stack)
{
    public static TheoryData<string> Strangers => ["none", "another deployment", "the authority's own"];

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task AClientWithoutADeploymentCertificateCannotCallAGrain(string certificate)
    {
        // The attacker takes any server certificate: only the silo's judgement of his stands in the way.
        using X509Certificate2? shown = certificate switch
        {
            "none" => null,
            "another deployment" => Certificate(DeploymentCertificates.Create("stranger")),
            _ => Certificate(DeploymentCertificates.Create("stranger-authority", nodeIsAuthority: true)),
        };
        Exception? refused = await Record.ExceptionAsync(() => CallTheSystemManagerAsync(shown is null ? null : c => c.UseTls(shown, tls =>
        {
            tls.AllowAnyRemoteCertificate();
            tls.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
            tls.OnAuthenticateAsClient = (_, o) => o.TargetHost = ClusterTls.NodeName;
        }), TimeSpan.FromSeconds(15)));
        // The client never gets a connection: it fails, or keeps retrying until given up on.
        Assert.True(refused is OperationCanceledException or SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException, refused?.GetType().Name ?? "the call went through");
    }

    [Fact]
    public void TheAuthoritysOwnCertificateIsNoNodes()
    {
        ClusterTlsException refused = Assert.Throws<ClusterTlsException>(() => DeploymentCertificates.Create("authority-as-node", nodeIsAuthority: true).Load());
        Assert.Contains("ClusterTls:CertificatePath", refused.Message);
    }

    [Fact]
    public async Task AClientWithTheDeploymentsCertificateCalls()
    {
        using DeploymentCredentials credentials = DeploymentCertificates.Shared.Load();
        await CallTheSystemManagerAsync(c => c.UseClusterTls(credentials), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TheSiloAndGatewayPortsCloseOnAStrangersCertificate()
    {
        using DeploymentCredentials stranger = DeploymentCertificates.Create("stranger-raw").Load();
        using DeploymentCredentials ours = DeploymentCertificates.Shared.Load();
        foreach (int port in new[] { stack.Silo.SiloPort, stack.Silo.GatewayPort })
        {
            Assert.False(await AcceptedAsync(port, null, TimeSpan.FromSeconds(15)), $"port {port} accepted a TLS client without a certificate");
            Assert.False(await AcceptedAsync(port, stranger.Certificate, TimeSpan.FromSeconds(15)), $"port {port} accepted another deployment's certificate");
            Assert.True(await AcceptedAsync(port, ours.Certificate, TimeSpan.FromSeconds(3)), $"port {port} refused the deployment's own certificate");
        }
    }

    [Fact]
    public async Task TheSiloPortsDoNotSpeakPlainTcp()
    {
        foreach (int port in new[] { stack.Silo.SiloPort, stack.Silo.GatewayPort })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            NetworkStream stream = tcp.GetStream();
            // An Orleans connection preamble in the clear: the first bytes of a TLS record are expected instead.
            await stream.WriteAsync(new byte[] { 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 });
            Assert.True(await ClosedAsync(stream, TimeSpan.FromSeconds(15)), $"port {port} kept a plain-TCP connection open");
        }
    }

    private async Task CallTheSystemManagerAsync(Action<IClientBuilder>? tls, TimeSpan patience)
    {
        using IHost client = Host.CreateApplicationBuilder().UseOrleansClient(c =>
        {
            c.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, stack.Silo.GatewayPort));
            c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (stack.ServiceId, stack.ServiceId));
            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
            tls?.Invoke(c);
        }).Build();
        using var giveUp = new CancellationTokenSource(patience);
        try
        {
            await client.StartAsync(giveUp.Token);
            Assert.NotEmpty(await client.Services.GetRequiredService<IClusterClient>().GetSystemManager().GetParametersAsync().WaitAsync(giveUp.Token));
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.StopAsync(stop.Token).ContinueWith(_ => { });
        }
    }

    private static X509Certificate2 Certificate(DeploymentCertificates files) => X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);

    /// <summary>
    /// Handshakes as a TLS 1.3 client showing <paramref name="certificate"/> (any server certificate
    /// is taken: this checks the silo's side). In TLS 1.3 the server judges the client's certificate
    /// after the client's handshake ends, so a refusal shows as the connection closing.
    /// </summary>
    private static async Task<bool> AcceptedAsync(int port, X509Certificate2? certificate, TimeSpan patience)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = ClusterTls.NodeName,
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificates = certificate is null ? null : [certificate],
            });
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
        // Refused: closed at once. Accepted: the silo sends its preamble, or waits for ours.
        return !await ClosedAsync(tls, patience);
    }

    /// <summary>Whether the peer closes (or resets) the stream within <paramref name="patience"/> without sending anything.</summary>
    private static async Task<bool> ClosedAsync(Stream stream, TimeSpan patience)
    {
        var buffer = new byte[64];
        Task<int> read = stream.ReadAsync(buffer).AsTask();
        if (await Task.WhenAny(read, Task.Delay(patience)) != read)
        {
            return false;
        }
        try
        {
            return await read == 0;
        }
        catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
        {
            return true;
        }
    }
}
