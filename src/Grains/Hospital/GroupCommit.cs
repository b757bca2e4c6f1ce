namespace MedChain.Grains.Hospital;

/// <summary>
/// Group commit of verified records: each caller queues its record and awaits its write; whoever
/// takes the lock writes every record queued so far in one state write, and the others find
/// theirs written. While broadcasts are still being verified it first waits for them a little (up
/// to <paramref name="enough"/> records, at most <paramref name="linger"/> in all), so that one write
/// carries more. Only a commit removes records from the queue, after their write succeeded or
/// failed; a retry of a queued record waits for that same write. Used from one grain's turns only.
/// </summary>
internal sealed class GroupCommit<T>(SemaphoreSlim stateLock, VerificationsInFlight verifying, int enough, TimeSpan linger)
{
    private readonly List<(T Item, TaskCompletionSource Done)> _queue = [];

    /// <summary>The write of a queued item that <paramref name="matches"/>, or null when none is queued.</summary>
    public Task? Queued(Func<T, bool> matches) =>
        _queue.FirstOrDefault(q => matches(q.Item)) is { Done: not null } queued ? queued.Done.Task : null;

    /// <summary>
    /// Queues <paramref name="item"/> and returns once it is written, or throws the write's failure.
    /// The caller that leads a commit writes the batch with <paramref name="writeAsync"/> (which must
    /// leave memory as it was when it throws), then runs <paramref name="afterWriteAsync"/> under the
    /// lock, which must not throw: the batch is written and acknowledged whatever it does.
    /// </summary>
    public async Task CommitAsync(T item, Func<IReadOnlyList<T>, Task> writeAsync, Func<Task> afterWriteAsync)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((item, done));
        await stateLock.WaitAsync();
        try
        {
            if (!done.Task.IsCompleted)
            {
                await verifying.WaitAsync(() => _queue.Count >= enough, linger);
                // The batch stays queued until written, so a retry arriving meanwhile waits for this write.
                List<(T Item, TaskCompletionSource Done)> batch = [.. _queue];
                try
                {
                    await writeAsync([.. batch.Select(b => b.Item)]);
                }
                catch (Exception e)
                {
                    _queue.RemoveRange(0, batch.Count);
                    batch.ForEach(b => b.Done.TrySetException(e));
                    throw;
                }
                _queue.RemoveRange(0, batch.Count);
                batch.ForEach(b => b.Done.TrySetResult());
                await afterWriteAsync();
            }
        }
        finally
        {
            stateLock.Release();
        }
        await done.Task;
    }
}
