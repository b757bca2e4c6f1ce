namespace MedChain.Grains.Hospital;

/// <summary>
/// A hospital's broadcasts whose checks are running, so that a group commit can wait for them a
/// little and carry more records in one write. Used from one grain's turns only (not thread-safe).
/// </summary>
internal sealed class VerificationsInFlight(TimeProvider time)
{
    private int _count;
    private TaskCompletionSource? _finished;

    /// <summary>How many are running.</summary>
    public int Count => _count;

    /// <summary>One more is running.</summary>
    public void Started() => _count++;

    /// <summary>One has finished, whatever its outcome: a waiting commit looks again.</summary>
    public void Finished()
    {
        _count--;
        _finished?.TrySetResult();
    }

    /// <summary>
    /// Waits while some are running and <paramref name="enough"/> is false, at most
    /// <paramref name="limit"/> in all; returns at once when none is running.
    /// </summary>
    public async Task WaitAsync(Func<bool> enough, TimeSpan limit)
    {
        Task deadline = Task.Delay(limit, time);
        while (_count > 0 && !enough() && !deadline.IsCompleted)
        {
            _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(_finished.Task, deadline);
        }
        _finished = null;
    }
}
