using System.Collections.Concurrent;
using Orleans.Storage;

namespace MedChain.Testing;

/// <summary>
/// Failures to inject into a test silo's grain storage: the next writes of one grain's state fail
/// as a storage outage would (after nothing was written), so that tests can check what the grain
/// answers and what it keeps.
/// </summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<(string StateName, string Key), int> _failures = new();

    /// <summary>The next <paramref name="count"/> writes of state <paramref name="stateName"/> of the grain with key <paramref name="key"/> fail.</summary>
    public void FailNextWrites(string stateName, string key, int count = 1) => _failures[(stateName, key)] = count;

    /// <summary>Whether this write is to fail (and counts it).</summary>
    internal bool ShouldFail(string stateName, GrainId grainId)
    {
        var id = (stateName, grainId.Key.ToString()!);
        while (_failures.TryGetValue(id, out int left) && left > 0)
        {
            if (_failures.TryUpdate(id, left - 1, left))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>A grain storage that fails the writes <see cref="StorageFaults"/> names and passes everything else to the real one.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.ShouldFail(stateName, grainId)
            ? Task.FromException(new IOException($"Injected storage failure writing {stateName} of {grainId}."))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
