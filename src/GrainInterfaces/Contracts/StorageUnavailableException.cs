namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// Storage did not answer a grain (unreachable, failing or timing out). What crosses the grain
/// boundary instead of the storage client's own exception, whose type a caller may not even load:
/// the API answers it 503 with Retry-After, and nothing was acknowledged.
/// </summary>
[GenerateSerializer, Alias("medchain.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Storage failed during <paramref name="operation"/> (words for logs, no internal type or message).</summary>
    public StorageUnavailableException(string operation)
        : base($"Storage did not answer ({operation}); retry later.")
    {
    }
}
