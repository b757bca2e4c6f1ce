using MedChain.Grains.Hospital;
using Microsoft.Extensions.Time.Testing;

namespace MedChain.Grains.Tests;

public sealed class VerificationsInFlightTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(25);

    [Fact]
    public void WithNoneRunningTheWaitEndsAtOnce()
    {
        var inFlight = new VerificationsInFlight(new FakeTimeProvider());
        Assert.True(inFlight.WaitAsync(() => false, Limit).IsCompleted);
        inFlight.Started();
        inFlight.Finished();
        Assert.True(inFlight.WaitAsync(() => false, Limit).IsCompleted);
    }

    [Fact]
    public async Task TheWaitEndsWhenTheLastFinishesOrWhenThereIsEnough()
    {
        var inFlight = new VerificationsInFlight(new FakeTimeProvider());
        inFlight.Started();
        inFlight.Started();
        Task wait = inFlight.WaitAsync(() => false, Limit);
        inFlight.Finished();
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        inFlight.Finished();
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        bool enough = false;
        inFlight.Started();
        Task untilEnough = inFlight.WaitAsync(() => enough, Limit);
        Assert.False(untilEnough.IsCompleted);
        enough = true;
        inFlight.Started();
        inFlight.Finished();
        await untilEnough.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, inFlight.Count);
    }

    [Fact]
    public async Task TheWaitLastsAtMostTheLimitInAllHoweverManyFinishMeanwhile()
    {
        var clock = new FakeTimeProvider();
        var inFlight = new VerificationsInFlight(clock);
        inFlight.Started();
        inFlight.Started();
        Task wait = inFlight.WaitAsync(() => false, Limit);
        clock.Advance(TimeSpan.FromMilliseconds(24));
        inFlight.Finished();
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, inFlight.Count);
    }
}
