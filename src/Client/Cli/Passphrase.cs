using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>Where the keystore passphrase comes from: a file, the MEDCHAIN_PASSPHRASE variable, or a prompt on a terminal.</summary>
public static class Passphrase
{
    /// <summary>The passphrase; fails when none is given and there is no terminal to ask on.</summary>
    public static string Resolve(FileInfo? file)
    {
        if (file is not null)
        {
            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
        }
        string? env = Environment.GetEnvironmentVariable("MEDCHAIN_PASSPHRASE");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }
        if (Console.IsInputRedirected)
        {
            throw new InvalidOperationException("No passphrase: pass --passphrase-file or set MEDCHAIN_PASSPHRASE.");
        }
        return AnsiConsole.Prompt(new TextPrompt<string>("Keystore passphrase:").Secret());
    }
}
