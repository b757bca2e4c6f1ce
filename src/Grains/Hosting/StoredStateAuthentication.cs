using MedChain.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Hosting;

/// <summary>
/// The one-time migration of <see cref="MedChainOptions.AuthenticateStoredState"/>: before the silo
/// takes calls, every stored grain state without a MAC gets one (<see cref="BlobGrainStorage.AuthenticateStoredStatesAsync"/>).
/// </summary>
public sealed class StoredStateAuthentication(IServiceProvider services, IOptions<MedChainOptions> options, ILogger<StoredStateAuthentication> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoredStateAuthentication), ServiceLifecycleStage.ApplicationServices, async cancellation =>
        {
            if (!options.Value.AuthenticateStoredState)
            {
                return;
            }
            var storage = (BlobGrainStorage)MedChainGrainServices.CreateStateStorage(services);
            int adopted = await storage.AuthenticateStoredStatesAsync(cancellation);
            logger.LogWarning("Authenticated {Count} stored grain states written without a MAC (MedChain:AuthenticateStoredState); turn the setting off now.", adopted);
        });
}
