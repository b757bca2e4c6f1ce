using MedChain.Testing;
using Orleans.TestingHost;

namespace MedChain.Grains.Tests;

/// <summary>
/// A test cluster (one silo, <see cref="MedChainTestCluster"/>) on its own Azurite; level 80,
/// blocks of 10 records, a 2-second block interval.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();

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
        await _azurite.StartAsync();
        Cluster = await MedChainTestCluster.StartAsync(_azurite.ConnectionString, ServiceId, level: 80, blockSize: 10, BlockInterval);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>Tests that share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
