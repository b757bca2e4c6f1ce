using Azure.Storage.Blobs;
using MedChain.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MedChain.Grains.Hosting;

/// <summary>Registers what the MedChain grains need in a silo.</summary>
public static class MedChainGrainServices
{
    /// <summary>Name of the grain storage provider for MedChain state.</summary>
    public const string StateStorage = "medchain";

    /// <summary>
    /// Options (validated at start), the key protector, the parameter and public-key caches, the
    /// crypto worker threads, authenticated grain state on Orleans' Azure Blob provider, the block and record-body stores and the tables (members,
    /// record index, access log), all on the storage account of <see cref="MedChainStorageOptions"/>
    /// (which the host configures), and the hospital keeper.
    /// </summary>
    public static IServiceCollection AddMedChainGrains(this IServiceCollection services)
    {
        services.AddOptions<MedChainOptions>().BindConfiguration(MedChainOptions.Section)
            .Validate(o => o.SecurityLevel is 80 or 112 or 128, "MedChain:SecurityLevel must be 80, 112 or 128.")
            .Validate(o => o.BlockSize is >= 1 and <= 1000, "MedChain:BlockSize must be between 1 and 1000.")
            .Validate(o => o.BlockInterval > TimeSpan.Zero, "MedChain:BlockInterval must be positive.")
            .Validate(o => o.Replicas is >= 0 and <= 16, "MedChain:Replicas must be between 0 and 16.")
            .Validate(o => KeyProtector.IsValidKey(o.KeyEncryptionKey), "MedChain:KeyEncryptionKey is required: the base64 of 32 random bytes.")
            .ValidateOnStart();
        services.AddOptions<MedChainStorageOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) && !string.IsNullOrWhiteSpace(o.ServiceId),
                "The MedChain grains need a storage connection string and a service id.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyProtector>();
        services.AddSingleton<StoragePseudonyms>();
        services.AddSingleton<SystemParametersCache>();
        services.AddSingleton<PublicKeyCache>();
        services.AddSingleton<CryptoWorkers>();
        services.AddSingleton<IBlockStore>(sp => Storage(sp, s => new BlobBlockStore(s.ConnectionString, "medchain-blocks", s.ServiceId)));
        services.AddSingleton<IRecordBodyStore>(sp => Storage(sp, s => new BlobRecordBodyStore(s.ConnectionString, "medchain-bodies", s.ServiceId)));
        services.AddSingleton<IMemberStore>(sp => Storage(sp, s => new TableMemberStore(s.ConnectionString, "medchainmembers", s.ServiceId, sp.GetRequiredService<KeyProtector>())));
        services.AddSingleton<IAccessLogStore>(sp => Storage(sp, s => new TableAccessLogStore(s.ConnectionString, "medchainaccess", s.ServiceId, sp.GetRequiredService<KeyProtector>())));
        services.AddSingleton<ILogDirectory>(sp => Storage(sp, s => new TableLogDirectory(s.ConnectionString, "medchainlogs", s.ServiceId, sp.GetRequiredService<KeyProtector>())));
        services.AddSingleton<IRecordIndex>(sp => Storage(sp, s => new TableRecordIndex(s.ConnectionString, "medchainindex", s.ServiceId)));
        services.AddAzureBlobGrainStorage(BlobProvider, blobs => blobs.Configure<IOptions<MedChainStorageOptions>>((o, s) =>
        {
            o.BlobServiceClient = new BlobServiceClient(s.Value.ConnectionString);
            o.ContainerName = StateContainer(s.Value.ServiceId);
            o.GrainStorageSerializer = new StateJsonSerializer();
        }));
        services.AddGrainStorage(StateStorage, (sp, _) => CreateStateStorage(sp));
        services.AddSingleton<IIncomingGrainCallFilter, StorageFailureFilter>();
        services.AddHostedService<HospitalKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoredStateMigration>();
        return services;
    }

    /// <summary>The grains on a given storage account and service id (for hosts without their own options, such as test clusters).</summary>
    public static IServiceCollection AddMedChainGrains(this IServiceCollection services, string storageConnectionString, string serviceId)
    {
        services.AddMedChainGrains();
        services.Configure<MedChainStorageOptions>(o => (o.ConnectionString, o.ServiceId) = (storageConnectionString, serviceId));
        return services;
    }

    /// <summary>Name of the Orleans Azure Blob provider beneath <see cref="StateStorage"/> (grains use the latter).</summary>
    public const string BlobProvider = "medchain-blobs";

    /// <summary>The grain state storage: authenticated states (<see cref="AuthenticatedGrainStorage"/>) over Orleans' Azure Blob provider.</summary>
    public static AuthenticatedGrainStorage CreateStateStorage(IServiceProvider services) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(BlobProvider), services.GetRequiredService<KeyProtector>().DeriveKey(StateKeyLabel));

    /// <summary>The blob container of a service's grain states: "{serviceId}-state" (so a service id must be a valid container name's start).</summary>
    public static string StateContainer(string serviceId) => serviceId.ToLowerInvariant() + "-state";

    /// <summary>The label the grain states' MAC key is derived under (<see cref="KeyProtector.DeriveKey"/>).</summary>
    public const string StateKeyLabel = "grain-state";

    private static T Storage<T>(IServiceProvider services, Func<MedChainStorageOptions, T> create) =>
        create(services.GetRequiredService<IOptions<MedChainStorageOptions>>().Value);
}
