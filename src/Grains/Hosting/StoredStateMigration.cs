using MedChain.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Before the silo takes calls: grain states still in MedChain's earlier format
/// (<see cref="EarlierStateFormat"/>) stop the start with a message saying what to do, or, with
/// <see cref="MedChainOptions.MigrateStoredState"/>, are moved into the current format.
/// </summary>
public sealed class StoredStateMigration(IServiceProvider services, IOptions<MedChainOptions> options, IOptions<MedChainStorageOptions> storage, ILogger<StoredStateMigration> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        // After the blob provider's own initialisation (at ApplicationServices).
        lifecycle.Subscribe(nameof(StoredStateMigration), ServiceLifecycleStage.ApplicationServices + 1, async cancellation =>
        {
            var earlier = new EarlierStateFormat(storage.Value.ConnectionString, storage.Value.ServiceId);
            if (!await earlier.AnyAsync(cancellation))
            {
                return;
            }
            if (!options.Value.MigrateStoredState)
            {
                throw new InvalidOperationException(
                    $"This storage holds grain states of service '{storage.Value.ServiceId}' in MedChain's earlier format (container {EarlierStateFormat.ContainerName}). "
                    + "Set MedChain:MigrateStoredState=true for one start to move them into the current format (states without a MAC are adopted as they are: only on data you trust), or start on new storage.");
            }
            int moved = await earlier.MoveAsync(
                services.GetRequiredKeyedService<IGrainStorage>(MedChainGrainServices.BlobProvider),
                MedChainGrainServices.CreateStateStorage(services),
                cancellation);
            logger.LogWarning("Moved {Count} grain states from the earlier format (MedChain:MigrateStoredState); turn the setting off now.", moved);
        });
}
