using System.Security.Cryptography;
using MedChain.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace MedChain.Testing;

/// <summary>
/// An in-process Orleans test cluster (one silo) with the MedChain grains, state and blocks in a
/// running Azurite. Level, block size and interval are chosen by the caller.
/// </summary>
public static class MedChainTestCluster
{
    /// <summary>Builds and deploys the cluster.</summary>
    public static async Task<TestCluster> StartAsync(string storageConnectionString, string serviceId, int level, int blockSize, TimeSpan blockInterval, int replicas = 4)
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties["AzuriteConnectionString"] = storageConnectionString;
        builder.Properties["ServiceIdForStorage"] = serviceId;
        builder.Properties["MedChain:SecurityLevel"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["MedChain:BlockSize"] = blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["MedChain:BlockInterval"] = blockInterval.ToString();
        builder.Properties["MedChain:Replicas"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["MedChain:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The storage faults of the cluster's (in-process) silo.</summary>
    public static StorageFaults Faults(this TestCluster cluster) =>
        ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredService<StorageFaults>();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddMedChainGrains(
                siloBuilder.Configuration["AzuriteConnectionString"]!,
                siloBuilder.Configuration["ServiceIdForStorage"]!);
            // The grains' storage as registered, behind injectable write failures (the last registration of the name is the one resolved).
            siloBuilder.Services.AddSingleton<StorageFaults>();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(MedChainGrainServices.StateStorage, (sp, _) =>
                new FaultInjectingGrainStorage(MedChainGrainServices.CreateStateStorage(sp), sp.GetRequiredService<StorageFaults>()));
        }
    }
}
