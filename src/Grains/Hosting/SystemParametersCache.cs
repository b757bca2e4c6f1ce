using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Hosting;

/// <summary>
/// The deployment's <see cref="SystemParameters"/> in a silo: fetched once from the SM grain (which
/// runs the initialization on first use) and kept, so that their precomputed tables are built once
/// per process.
/// </summary>
public sealed class SystemParametersCache(IGrainFactory grains)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SystemParameters? _parameters;

    /// <summary>The parameters (initializing the system through the SM on first use).</summary>
    public async Task<SystemParameters> GetAsync()
    {
        if (_parameters is not null)
        {
            return _parameters;
        }
        await _lock.WaitAsync();
        try
        {
            _parameters ??= SystemParameters.FromJson(await grains.GetSystemManager().GetParametersAsync());
            return _parameters;
        }
        finally
        {
            _lock.Release();
        }
    }
}
