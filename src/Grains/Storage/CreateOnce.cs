namespace MedChain.Grains.Storage;

/// <summary>
/// Runs an idempotent creation (a blob container, a table) once before first use; callers that
/// arrive meanwhile wait for it, and a failed attempt is tried again by the next caller.
/// </summary>
internal sealed class CreateOnce(Func<CancellationToken, Task> create)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _done;

    /// <summary>Completes once the creation has succeeded.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await create(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
