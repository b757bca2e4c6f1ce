using System.Net.Sockets;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;

namespace MedChain.Grains.Tests;

/// <summary>Which failures are storage failures, and that they leave a guard as <see cref="StorageUnavailableException"/> only.</summary>
public sealed class StorageFailuresTests
{
    public static TheoryData<Exception> StorageErrors() =>
    [
        new Azure.RequestFailedException(503, "unavailable"),
        new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)),
        new IOException("reset"),
        new InvalidOperationException("wrapped", new Azure.RequestFailedException("inner")),
        new AggregateException(new ArgumentException("a"), new SocketException()),
    ];

    [Theory]
    [MemberData(nameof(StorageErrors))]
    public async Task AStorageFailureLeavesTheGuardAsStorageUnavailable(Exception error)
    {
        Assert.True(StorageFailures.IsStorageFailure(error));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => StorageFailures.GuardAsync(() => "test", () => Task.FromException(error)));
    }

    [Fact]
    public async Task RefusalsAndBugsPassThroughUnchanged()
    {
        var refusal = new RefusalException(Refusal.Conflict, "taken");
        Assert.Same(refusal, await Assert.ThrowsAsync<RefusalException>(() => StorageFailures.GuardAsync(() => "test", () => Task.FromException(refusal))));
        var bug = new InvalidOperationException("a bug");
        Assert.Same(bug, await Assert.ThrowsAsync<InvalidOperationException>(() => StorageFailures.GuardAsync(() => "test", () => Task.FromException(bug))));
        Assert.False(StorageFailures.IsStorageFailure(new TimeoutException()));
        Assert.False(StorageFailures.IsStorageFailure(new Orleans.Storage.InconsistentStateException("stale", "a", "b", new Azure.RequestFailedException(412, "etag"))));
    }
}
