namespace MedChain.Grains.Storage;

/// <summary>Where <see cref="BlobGrainStorage"/> keeps grain state.</summary>
public sealed class BlobGrainStorageOptions
{
    /// <summary>Azure Storage connection string (Azurite in development).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Blob container holding the state blobs; created on first use.</summary>
    public string ContainerName { get; set; } = "medchain-grain-state";

    /// <summary>Prefix of every blob name: the Orleans service id, stable across restarts.</summary>
    public string ServiceId { get; set; } = "medchain";

    /// <summary>The key (32 bytes, derived from the key-encryption key) each state's MAC is made under.</summary>
    public byte[] AuthenticationKey { get; set; } = [];
}
