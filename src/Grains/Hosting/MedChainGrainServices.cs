using MedChain.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace MedChain.Grains.Hosting;

/// <summary>Registers what the MedChain grains need in a silo.</summary>
public static class MedChainGrainServices
{
    /// <summary>Name of the grain storage provider for MedChain state.</summary>
    public const string StateStorage = "medchain";

    /// <summary>
    /// Options (validated at start), the key protector, the parameter and public-key caches, the
    /// crypto worker threads, Azure Blob grain storage, the block store and the tables (members,
    /// record index, access log), all on one storage connection string, and the hospital keeper.
    /// </summary>
    public static IServiceCollection AddMedChainGrains(this IServiceCollection services, string storageConnectionString, string serviceId)
    {
        services.AddOptions<MedChainOptions>().BindConfiguration(MedChainOptions.Section)
            .Validate(o => o.SecurityLevel is 80 or 112 or 128, "MedChain:SecurityLevel must be 80, 112 or 128.")
            .Validate(o => o.BlockSize is >= 1 and <= 1000, "MedChain:BlockSize must be between 1 and 1000.")
            .Validate(o => o.BlockInterval > TimeSpan.Zero, "MedChain:BlockInterval must be positive.")
            .Validate(o => KeyProtector.IsValidKey(o.KeyEncryptionKey), "MedChain:KeyEncryptionKey is required: the base64 of 32 random bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyProtector>();
        services.AddSingleton<SystemParametersCache>();
        services.AddSingleton<PublicKeyCache>();
        services.AddSingleton<CryptoWorkers>();
        services.AddSingleton<IBlockStore>(new BlobBlockStore(storageConnectionString, "medchain-blocks", serviceId));
        services.AddHostedService<HospitalKeeper>();
        services.AddSingleton<IMemberStore>(new TableMemberStore(storageConnectionString, "medchainmembers", serviceId));
        services.AddSingleton<IAccessLogStore>(new TableAccessLogStore(storageConnectionString, "medchainaccess", serviceId));
        services.AddSingleton<IRecordIndex>(new TableRecordIndex(storageConnectionString, "medchainindex", serviceId));
        services.AddGrainStorage(StateStorage, (_, _) => new BlobGrainStorage(new BlobGrainStorageOptions
        {
            ConnectionString = storageConnectionString,
            ServiceId = serviceId,
        }));
        return services;
    }
}
