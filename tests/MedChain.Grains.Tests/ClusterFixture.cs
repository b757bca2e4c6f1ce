using System.Security.Cryptography;
using MedChain.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace MedChain.Grains.Tests;

/// <summary>
/// An in-process Orleans test cluster (one silo) whose grain state and blocks go to the shared
/// Azurite; level 80, blocks of 10 records, a 2-second block interval.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The storage connection string (Azurite).</summary>
    public string StorageConnectionString => _azurite.ConnectionString;

    /// <summary>The service id that prefixes every blob name.</summary>
    public string ServiceId { get; } = "grains-tests-" + Guid.NewGuid().ToString("N");

    /// <summary>The block interval the silo uses.</summary>
    public static TimeSpan BlockInterval => TimeSpan.FromSeconds(2);

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var builder = new TestClusterBuilder(1);
        builder.Properties["AzuriteConnectionString"] = _azurite.ConnectionString;
        builder.Properties["ServiceIdForStorage"] = ServiceId;
        builder.Properties["MedChain:SecurityLevel"] = "80";
        builder.Properties["MedChain:BlockSize"] = "10";
        builder.Properties["MedChain:BlockInterval"] = BlockInterval.ToString();
        builder.Properties["MedChain:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.AddMedChainGrains(
                siloBuilder.Configuration["AzuriteConnectionString"]!,
                siloBuilder.Configuration["ServiceIdForStorage"]!);
    }
}

/// <summary>Tests that share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
