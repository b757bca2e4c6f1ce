namespace MedChain.GrainInterfaces;

/// <summary>
/// The grains a deployment has one of, each under its one key: the system manager and the
/// re-encryption proxy (a stateless worker: one key, activations on every silo).
/// </summary>
public static class SingletonGrains
{
    /// <summary>The key of the deployment's system manager grain.</summary>
    public const string SystemManagerKey = "sm";

    /// <summary>The system manager.</summary>
    public static ISystemManagerGrain GetSystemManager(this IGrainFactory grains) => grains.GetGrain<ISystemManagerGrain>(SystemManagerKey);

    /// <summary>The re-encryption proxy (any of its activations).</summary>
    public static IReEncryptionProxyGrain GetReEncryptionProxy(this IGrainFactory grains) => grains.GetGrain<IReEncryptionProxyGrain>(0);
}
