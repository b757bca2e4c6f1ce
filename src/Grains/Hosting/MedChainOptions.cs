namespace MedChain.Grains.Hosting;

/// <summary>Settings of the MedChain grains (configuration section "MedChain").</summary>
public sealed class MedChainOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "MedChain";

    /// <summary>Security level of the pairing: 80, 112 or 128 (default 128).</summary>
    public int SecurityLevel { get; set; } = 128;

    /// <summary>Base64 of the 32-byte key-encryption key that protects server-side private keys at rest. Required.</summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>Records per block (the paper's 10).</summary>
    public int BlockSize { get; set; } = 10;

    /// <summary>Ledger replicas per hospital chain (the paper ran five nodes: the server and four more).</summary>
    public int Replicas { get; set; } = 4;

    /// <summary>Seal a non-empty pending pool after this long (default 60 s).</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One-time migration: at start, move grain states stored in MedChain's earlier format into the
    /// current one (see <see cref="StoredStateMigration"/>). States without a MAC are adopted as
    /// they are: run it once, on data you trust, then turn it off.
    /// </summary>
    public bool MigrateStoredState { get; set; }
}
