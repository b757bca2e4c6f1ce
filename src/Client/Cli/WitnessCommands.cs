using System.CommandLine;
using MedChain.Client.Keys;
using MedChain.Client.Sdk;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Cli;

/// <summary>`witness run`: an outside party's witness of the deployment's logs; `witness register` for the sm-admin.</summary>
public static class WitnessCommands
{
    /// <summary>The `witness` command.</summary>
    public static Command Create()
    {
        var state = new Option<DirectoryInfo>("--state") { Description = "The witness's own copy of the checkpoints (one owner-only file per log).", Required = true };
        var every = new Option<int>("--every") { Description = "Seconds between runs (with --runs).", DefaultValueFactory = _ => 60 };
        var runs = new Option<int>("--runs") { Description = "How many runs (1: check once and exit).", DefaultValueFactory = _ => 1 };
        var run = new Command("run", "Checks that every log only grew since this witness last saw it, keeps the new checkpoints and cosigns them; "
            + "prints each log that shrank, changed or vanished and exits 1 when there is one.") { CliOptions.Key, state, every, runs };
        run.SetAction(async (r, ct) =>
        {
            string path = r.GetValue(CliOptions.Key)!.FullName;
            KeystoreIdentity identity = Keystore.ReadIdentity(path);
            MedChainClient api = MedChainClient.Create(r.GetValue(CliOptions.Api)!);
            SystemParameters parameters = await api.FindParametersAsync(ct) ?? throw new InvalidOperationException("The system is not set up yet.");
            using SecretKey key = Keystore.Open(path, Passphrase.Resolve(r.GetValue(CliOptions.PassphraseFile)), parameters);
            var witness = new Witness(api, parameters, identity.Id, key, r.GetValue(state)!.FullName);
            int exit = 0;
            for (int i = 0; i < Math.Max(1, r.GetValue(runs)); i++)
            {
                if (i > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, r.GetValue(every))), ct);
                }
                WitnessReport report = await witness.RunOnceAsync(ct);
                foreach (WitnessProblem problem in report.Problems)
                {
                    Console.WriteLine($"{problem.Origin}: {problem.Problem}");
                }
                Console.WriteLine($"witnessed {report.Checked} logs, cosigned {report.Cosigned}, {report.Problems.Count} problems");
                exit = report.Problems.Count > 0 ? 1 : exit;
            }
            return exit;
        });

        var witnessKeystore = new Option<FileInfo>("--witness-keystore") { Description = "The witness's keystore (only its public key and id are read).", Required = true };
        var register = new Command("register", "Registers a witness's public key under its keystore's id (sm-admin).") { CliOptions.Key, witnessKeystore };
        register.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            string file = r.GetValue(witnessKeystore)!.FullName;
            PublicKey key = PublicKey.Decode(me.Parameters, Convert.FromBase64String(Keystore.ReadPublicKey(file)));
            Contracts.WitnessSummary w = await me.Client.RegisterWitnessAsync(Keystore.ReadIdentity(file).Id, key, ct);
            Console.WriteLine($"witness {w.Name}\npublic-key {w.PublicKey}");
            return 0;
        }));
        return new Command("witness", "Witnesses of the deployment's chains and access logs.") { run, register };
    }
}
