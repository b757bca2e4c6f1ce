using System.Net.Sockets;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Which exceptions mean "storage did not answer": the Azure SDK's (any type of an <c>Azure</c>
/// namespace), HTTP, socket and I/O failures, anywhere in the chain of inner exceptions (but not a
/// stale writer's <c>InconsistentStateException</c>, which grains and the API treat as such). They are
/// turned into <see cref="StorageUnavailableException"/> where they would leave a grain.
/// </summary>
public static class StorageFailures
{
    /// <summary>True when <paramref name="e"/> or an exception inside it is a storage or network failure.</summary>
    public static bool IsStorageFailure(Exception? e)
    {
        // A stale writer's conflict (an ETag mismatch) is an answer of storage, not its absence: it stays what it is.
        if (e is Orleans.Storage.InconsistentStateException)
        {
            return false;
        }
        for (; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException or HttpRequestException or SocketException or IOException
                || e.GetType().Namespace?.StartsWith("Azure", StringComparison.Ordinal) == true)
            {
                return true;
            }
            if (e is AggregateException a && a.InnerExceptions.Any(IsStorageFailure))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="operation"/>, turning a storage failure into <see cref="StorageUnavailableException"/>
    /// (<paramref name="what"/> names the operation, asked only when one failed).
    /// </summary>
    public static Task GuardAsync(Func<string> what, Func<Task> operation)
    {
        Task running;
        try
        {
            running = operation();
        }
        catch (Exception e)
        {
            // Thrown before it returned a task: answered as a faulted task, as an async method would.
            running = Task.FromException(e);
        }
        // Every grain call passes here: one that has already succeeded costs no extra await.
        return running.IsCompletedSuccessfully ? running : AwaitAsync(what, running);
    }

    private static async Task AwaitAsync(Func<string> what, Task running)
    {
        try
        {
            await running;
        }
        catch (Exception e) when (e is not StorageUnavailableException && IsStorageFailure(e))
        {
            throw new StorageUnavailableException(what());
        }
    }
}

/// <summary>
/// Every grain call on this silo: a storage failure leaves the grain as <see cref="StorageUnavailableException"/>,
/// never as the storage client's exception.
/// </summary>
public sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    /// <inheritdoc/>
    public Task Invoke(IIncomingGrainCallContext context) =>
        StorageFailures.GuardAsync(() => context.InterfaceName + "." + context.MethodName, context.Invoke);
}
