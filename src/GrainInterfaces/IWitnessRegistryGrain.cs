using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The witnesses the sm-admin registered: outside parties whose cosignatures on checkpoints count
/// (anyone can run a witness, but only a registered one's word is reported by audits).
/// </summary>
[Alias("medchain.IWitnessRegistryGrain")]
public interface IWitnessRegistryGrain : IGrainWithStringKey
{
    /// <summary>Registers a witness's public key under a name; the same again is a no-op, another key under the name a conflict.</summary>
    [Alias("Register")]
    Task<WitnessInfo> RegisterAsync(string name, byte[] publicKey);

    /// <summary>Removes a witness (its later cosignatures no longer count); false when unknown.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string name);

    /// <summary>Every registered witness.</summary>
    [Alias("GetAll")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<WitnessInfo[]> GetAllAsync();
}
