using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Hosting;

/// <summary>
/// The deployment's <see cref="SystemParameters"/> as the API needs them to validate input (points,
/// keys, signatures): read from the SM once it is set up (never setting it up), then kept, as they
/// never change.
/// </summary>
public sealed class SystemParametersClient(IClusterClient cluster)
{
    private SystemParameters? _parameters;

    /// <summary>The parameters, or null while the sm-admin has not set the system up.</summary>
    public async Task<SystemParameters?> FindAsync()
    {
        if (_parameters is null && await cluster.GetSystemManager().FindParametersAsync() is { } json)
        {
            _parameters = SystemParameters.FromJson(json);
        }
        return _parameters;
    }
}
