using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Hosting;

/// <summary>
/// The deployment's <see cref="SystemParameters"/>, fetched once per silo from the SM grain and
/// kept, so that their precomputed tables are built once per process.
/// </summary>
public sealed class SchemeParameters(IGrainFactory grains)
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
            _parameters ??= SystemParameters.FromJson(await grains.GetGrain<ISystemManagerGrain>(SystemManagerKey).GetParametersAsync());
            return _parameters;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The key of the deployment's one SM grain.</summary>
    public const string SystemManagerKey = "sm";
}
