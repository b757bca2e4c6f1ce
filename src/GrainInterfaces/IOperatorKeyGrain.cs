namespace MedChain.GrainInterfaces;

/// <summary>
/// The login key of a hospital's operator (key: hospital id). The hospital's scheme key pair lives
/// in the cluster; the people who run the hospital log in with their own key, registered here by
/// the sm-admin when the hospital is admitted.
/// </summary>
[Alias("medchain.IOperatorKeyGrain")]
public interface IOperatorKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores the operator's compressed public key; false when another key is already set.</summary>
    [Alias("Set")]
    Task<bool> SetAsync(byte[] publicKey);

    /// <summary>The operator's public key, or null.</summary>
    [Alias("Get")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetAsync();
}
