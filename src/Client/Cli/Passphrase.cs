using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>Where the keystore passphrase comes from: a file, the MEDCHAIN_PASSPHRASE variable, or a prompt on a terminal.</summary>
public static class Passphrase
{
    /// <summary>
    /// The passphrase; fails when none is given and there is no terminal to ask on. A new one
    /// (<paramref name="confirm"/>) typed at the prompt is asked twice and must have 12 characters or more.
    /// </summary>
    public static string Resolve(FileInfo? file, bool confirm = false)
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
        string typed = AnsiConsole.Prompt(new TextPrompt<string>("Keystore passphrase:").Secret());
        if (confirm)
        {
            if (typed.Length < 12)
            {
                throw new InvalidOperationException("A new passphrase needs at least 12 characters.");
            }
            if (AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret()) != typed)
            {
                throw new InvalidOperationException("The passphrases differ.");
            }
        }
        return typed;
    }
}
