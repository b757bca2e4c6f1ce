using MedChain.GrainInterfaces;
using MedChain.Protocol.Credit;
using Microsoft.Extensions.Logging;

namespace MedChain.Grains.Hospital;

/// <summary>
/// Whether a hospital is suspended (III.D: its credit at or below the threshold). The SM tells the
/// hospital when the sm-admin's decision suspends or reinstates it; the hospital also reads its
/// credit from the SM on activation and once per block interval, which catches a lost message. An
/// unreachable SM leaves it as it was.
/// </summary>
internal sealed class HospitalStanding(string hospitalId, IGrainFactory grains, CreditPolicy credit, TimeSpan refreshInterval, TimeProvider time, ILogger logger)
{
    private long _checkedMs = long.MinValue / 2;

    /// <summary>True while suspended.</summary>
    public bool Suspended { get; private set; }

    /// <summary>The SM's message: suspended now.</summary>
    public void Suspend() => Suspended = true;

    /// <summary>The SM's message: reinstated now.</summary>
    public void Reinstate() => Suspended = false;

    /// <summary>Reads the credit from the SM when the interval has passed since the last reading.</summary>
    public Task RefreshIfDueAsync() =>
        time.GetUtcNow().ToUnixTimeMilliseconds() - _checkedMs >= refreshInterval.TotalMilliseconds ? RefreshAsync() : Task.CompletedTask;

    /// <summary>Reads the credit from the SM now.</summary>
    public async Task RefreshAsync()
    {
        _checkedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            if (await grains.GetSystemManager().GetHospitalAsync(hospitalId) is { } registration)
            {
                Suspended = credit.IsExpelled(registration.Credit);
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning("Hospital {Hospital} could not read its standing from the SM ({Kind}); will retry.", hospitalId, e.GetType().Name);
        }
    }
}
