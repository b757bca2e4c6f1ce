using System.Collections.Concurrent;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Dedicated threads, one per core, for the pairing-heavy checks of broadcasts and blocks. A grain
/// turn hands the work over and awaits it, so the silo's thread pool stays free for messaging,
/// storage I/O and timers. (Run on the pool, a queue of verifications of a few milliseconds each
/// held back every storage continuation until it drained: records were verified in a burst and
/// only then stored.) The threads and the pool share the cores through the OS scheduler.
/// </summary>
public sealed class CryptoWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread[] _threads;
    private int _disposed;

    /// <summary>Starts one worker thread per processor.</summary>
    public CryptoWorkers()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>Starts <paramref name="threads"/> worker threads.</summary>
    public CryptoWorkers(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Work) { IsBackground = true, Name = $"medchain-crypto-{i}" })];
        foreach (Thread thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread; its result or exception completes the task
    /// (whose continuations do not run on the worker). Faulted once the workers are stopped.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add(() =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Stopped (CompleteAdding, then disposed).
            done.SetException(new ObjectDisposedException("The crypto workers are stopped.", e));
        }
        return done.Task;
    }

    /// <summary>Lets the workers finish what is queued, then stops them; work handed over afterwards is refused.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _queue.CompleteAdding();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
        _queue.Dispose();
    }

    private void Work()
    {
        foreach (Action work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}
