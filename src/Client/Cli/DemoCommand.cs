using System.CommandLine;
using MedChain.Client.Demo;
using MedChain.Client.Keys;
using MedChain.Protocol.Keys;
using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>`demo`: the paper's whole scenario against a running MedChain, as the sm-admin of the given keystore.</summary>
public static class DemoCommand
{
    /// <summary>The `demo` command.</summary>
    public static Command Create()
    {
        var adminKey = new Option<FileInfo>("--admin-key")
        {
            Description = "The sm-admin's keystore (the one-command start makes .medchain/keys/sm-admin.json).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(".medchain", "keys", "sm-admin.json")),
        };
        var demo = new Command("demo", "Runs the whole scenario over HTTP; prints each phase with its timing; exit 1 on any failure.") { adminKey };
        demo.SetAction(async (r, ct) =>
        {
            FileInfo keystore = r.GetValue(adminKey)!;
            var beside = new FileInfo(Path.Combine(keystore.DirectoryName ?? ".", "sm-admin.passphrase"));
            FileInfo? passphrase = r.GetValue(CliOptions.PassphraseFile) ?? (beside.Exists ? beside : null);
            KeystoreIdentity identity = Keystore.ReadIdentity(keystore.FullName);
            using SecretKey key = Keystore.Open(keystore.FullName, Passphrase.Resolve(passphrase), SystemParameters.Administration(identity.Level));
            if (Console.IsOutputRedirected)
            {
                // Logs and CI: one line per phase, not wrapped at 80 columns.
                AnsiConsole.Console.Profile.Width = 240;
            }
            return await new DemoScenario(r.GetValue(CliOptions.Api)!, key, identity.Id, AnsiConsole.Console).RunAsync(ct);
        });
        return demo;
    }
}
