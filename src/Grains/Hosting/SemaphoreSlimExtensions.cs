namespace MedChain.Grains.Hosting;

/// <summary>Runs work while holding a <see cref="SemaphoreSlim"/> used as an async lock.</summary>
public static class SemaphoreSlimExtensions
{
    /// <summary>Takes the lock, runs <paramref name="work"/>, releases the lock; its result or exception.</summary>
    public static async Task<T> RunAsync<T>(this SemaphoreSlim gate, Func<Task<T>> work)
    {
        await gate.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes the lock, runs <paramref name="work"/>, releases the lock.</summary>
    public static Task RunAsync(this SemaphoreSlim gate, Func<Task> work) => gate.RunAsync(async () =>
    {
        await work();
        return true;
    });
}
