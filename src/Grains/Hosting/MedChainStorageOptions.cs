namespace MedChain.Grains.Hosting;

/// <summary>Where the MedChain grains keep their state, blocks and tables: one Azure Storage account, names prefixed by the service id.</summary>
public sealed class MedChainStorageOptions
{
    /// <summary>Azure Storage connection string (Azurite in development).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The Orleans service id, which prefixes every blob name and table partition: keep it stable.</summary>
    public string ServiceId { get; set; } = "";
}
