using MedChain.Grains.Hosting;

namespace MedChain.Grains.Tests;

public sealed class CryptoWorkersTests
{
    [Fact]
    public async Task WorkRunsOnTheWorkerThreadsAndReturnsItsResultOrException()
    {
        using var workers = new CryptoWorkers(2);
        string?[] names = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => workers.RunAsync(() => Thread.CurrentThread.Name)));
        Assert.All(names, n => Assert.StartsWith("medchain-crypto-", n));
        Assert.False(await workers.RunAsync(() => Thread.CurrentThread.IsThreadPoolThread));

        var failure = new InvalidOperationException("refused");
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => workers.RunAsync<int>(() => throw failure)));
        Assert.Equal(42, await workers.RunAsync(() => 42));
    }

    [Fact]
    public async Task DisposeFinishesWhatIsQueuedThenRefusesWork()
    {
        var workers = new CryptoWorkers(1);
        using var gate = new ManualResetEventSlim();
        Task<int> first = workers.RunAsync(() => gate.Wait(TimeSpan.FromSeconds(10)) ? 1 : -1);
        Task<int> second = workers.RunAsync(() => 2);
        _ = Task.Run(async () =>
        {
            await Task.Delay(100);
            gate.Set();
        });
        workers.Dispose();
        // Dispose returned only once both had run.
        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.Equal((1, 2), (await first, await second));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => workers.RunAsync(() => 3));
        workers.Dispose();
    }

    [Fact]
    public async Task ContinuationsDoNotRunOnTheWorkers()
    {
        using var workers = new CryptoWorkers(1);
        // Even a continuation that asks to run synchronously is not run by the completing worker.
        string? continuedOn = await workers.RunAsync(() => 0).ContinueWith(_ => Thread.CurrentThread.Name, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Assert.DoesNotContain("medchain-crypto", continuedOn ?? "");
    }
}
