using MedChain.GrainInterfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Wakes every admitted hospital once per block interval, on every silo. A hospital's sealing
/// timer lives with its activation: after a silo crash nothing would seal the records it had
/// acknowledged until someone called it. A wake-up is a cheap read (the head); an active hospital
/// then seals on its own timer when the interval has passed.
/// </summary>
public sealed class HospitalKeeper(IGrainFactory grains, IOptions<MedChainOptions> options, ILogger<HospitalKeeper> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BlockInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                ISystemManagerGrain sm = grains.GetSystemManager();
                if (await sm.FindParametersAsync() is null)
                {
                    continue;
                }
                await Task.WhenAll((await sm.GetHospitalIdsAsync()).Select(id => grains.GetGrain<IHospitalGrain>(id).GetHeadAsync()));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may still be joining or leaving, or storage be slow; the next tick tries again.
                logger.LogWarning("Waking the hospitals failed ({Kind}); retrying next interval.", e.GetType().Name);
            }
        }
    }
}
