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
    /// One-time migration: at start, give every stored grain state without a MAC one (states of a
    /// version that did not authenticate them). Whoever could write to storage until then is
    /// trusted once: run it once, then turn it off.
    /// </summary>
    public bool AuthenticateStoredState { get; set; }
}
