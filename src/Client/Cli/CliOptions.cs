using System.CommandLine;

namespace MedChain.Client.Cli;

/// <summary>Options shared by the commands.</summary>
public static class CliOptions
{
    /// <summary>The API's base address.</summary>
    public static readonly Option<string> Api = new("--api")
    {
        Description = "The MedChain API's base address.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDCHAIN_API") ?? "http://127.0.0.1:5080",
        Recursive = true,
    };

    /// <summary>The caller's keystore file.</summary>
    public static readonly Option<FileInfo> Key = new("--key")
    {
        Description = "The keystore file of the participant acting (made by `keys new`).",
        Required = true,
    };

    /// <summary>A file holding the keystore's passphrase.</summary>
    public static readonly Option<FileInfo?> PassphraseFile = new("--passphrase-file")
    {
        Description = "Read the keystore passphrase from this file (else MEDCHAIN_PASSPHRASE, else a prompt).",
        Recursive = true,
    };
}
