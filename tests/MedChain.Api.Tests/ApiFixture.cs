using System.Security.Cryptography;
using MedChain.Api.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace MedChain.Api.Tests;

/// <summary>
/// Azurite, one real silo process (localhost clustering, level 80, blocks of 10 or every 2 s) and
/// the API on real Kestrel at 127.0.0.1, in this process. The sm-admin's key is made here.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The sm-admin's participant id.</summary>
    public const string AdminId = "admin";

    private readonly AzuriteProcess _azurite = new();
    private SiloProcess? _silo;
    private WebApplication? _api;
    private Task<World>? _world;

    /// <summary>The sm-admin's private key (administration parameters, level 80).</summary>
    public SecretKey AdminKey { get; } = SecretKey.Generate(SystemParameters.Administration(80));

    /// <summary>The key that signs the API's tokens (so tests can forge expired ones).</summary>
    public byte[] JwtKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The API's base address.</summary>
    public string BaseAddress { get; private set; } = "";

    /// <summary>The API instance the fixture started.</summary>
    public WebApplication Api => _api!;

    /// <summary>One populated <see cref="World"/> for the tests that only read it or create fresh ids (made on first use).</summary>
    public Task<World> SharedWorldAsync() => _world is { IsFaulted: false, IsCanceled: false } ? _world : _world = World.CreateAsync(this);

    /// <summary>The storage emulator, for tests that take storage away.</summary>
    public AzuriteProcess Storage => _azurite;

    /// <summary>The silo, for tests that stop it.</summary>
    public SiloProcess Silo => _silo!;

    /// <summary>The storage account of this fixture's cluster (for tests that attack storage).</summary>
    public string StorageConnectionString => _azurite.ConnectionString;

    /// <summary>An Orleans client of this fixture's cluster, with the deployment's certificate (for tests that act below the API).</summary>
    public async Task<Microsoft.Extensions.Hosting.IHost> ConnectClusterClientAsync()
    {
        Microsoft.Extensions.Hosting.IHost client = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder().UseOrleansClient(c =>
        {
            c.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Silo.GatewayPort));
            c.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ServiceId, ServiceId));
            MedChain.Hosting.ClusterTls.UseClusterTls(c, DeploymentCertificates.Shared.Load());
        }).Build();
        await client.StartAsync();
        return client;
    }

    /// <summary>The service id of this fixture's cluster.</summary>
    public string ServiceId { get; } = "api-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        _silo = await SiloProcess.StartLocalAsync(_azurite.ConnectionString, ServiceId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), 80, 10, TimeSpan.FromSeconds(2));
        (_api, BaseAddress) = await StartApiAsync(_silo.GatewayPort);
    }

    /// <summary>Starts an API instance of this fixture's cluster, optionally with other settings.</summary>
    public async Task<(WebApplication App, string BaseAddress)> StartApiAsync(int gatewayPort, params (string Key, string Value)[] settings)
    {
        string url = $"http://127.0.0.1:{RedisProcess.FreePort()}";
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Api:AdminPublicKey"] = Convert.ToBase64String(AdminKey.PublicKey.Encode()),
            ["Api:AdminId"] = AdminId,
            ["Api:JwtSigningKey"] = Convert.ToBase64String(JwtKey),
            ["Api:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:ServiceId"] = ServiceId,
            ["Api:ClusterId"] = ServiceId,
            ["Api:ClusterTimeout"] = "00:00:10",
            ["Api:RateLimitPerMinute"] = "100000",
            ["Api:LoginsPerMinute"] = "100000",
            ["Api:SearchesPerMinute"] = "100000",
            ["Api:SharesPerMinute"] = "100000",
            ["Api:BroadcastsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string key, string value) in DeploymentCertificates.Shared.Settings().Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))))
        {
            overrides[key] = value;
        }
        // As Program.cs builds it, with this fixture's settings on top.
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(overrides);
        WebApplication app = builder.AddMedChainApi().Build().UseMedChainApi();
        await app.StartAsync();
        return (app, url + "/");
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.StopAsync();
            await _api.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        AdminKey.Dispose();
    }
}

/// <summary>Tests that share one stack.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Api";
}
