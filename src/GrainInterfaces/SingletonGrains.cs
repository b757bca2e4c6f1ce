namespace MedChain.GrainInterfaces;

/// <summary>
/// The grains a deployment has one of, each under its one key: the system manager, its register of
/// witnesses, and the stateless workers (one key, activations on every silo) of the re-encryption
/// proxy and of checkpoints.
/// </summary>
public static class SingletonGrains
{
    /// <summary>The key of the deployment's system manager grain.</summary>
    public const string SystemManagerKey = "sm";

    /// <summary>The system manager.</summary>
    public static ISystemManagerGrain GetSystemManager(this IGrainFactory grains) => grains.GetGrain<ISystemManagerGrain>(SystemManagerKey);

    /// <summary>The re-encryption proxy (any of its activations).</summary>
    public static IReEncryptionProxyGrain GetReEncryptionProxy(this IGrainFactory grains) => grains.GetGrain<IReEncryptionProxyGrain>(0);

    /// <summary>The register of the deployment's witnesses.</summary>
    public static IWitnessRegistryGrain GetWitnessRegistry(this IGrainFactory grains) => grains.GetGrain<IWitnessRegistryGrain>("witnesses");

    /// <summary>The checkpoints of every log (any of its activations).</summary>
    public static ICheckpointGrain GetCheckpoints(this IGrainFactory grains) => grains.GetGrain<ICheckpointGrain>(0);
}
