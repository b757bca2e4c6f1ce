using System.CommandLine;
using MedChain.Client.Keys;
using MedChain.Contracts;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Cli;

/// <summary>The sm-admin's commands: `system setup`, `hospital admit` and `revoke`; and `login` for anyone.</summary>
public static class AdminCommands
{
    /// <summary>The `system` command.</summary>
    public static Command System()
    {
        var setup = new Command("setup", "Runs the SM's initialization (sm-admin); prints the parameters.") { CliOptions.Key };
        setup.SetAction(Run.AsParticipant(async (_, me, ct) =>
        {
            SystemParameters p = await me.Client.SetupAsync(ct);
            Console.WriteLine(p.ToJson());
            return 0;
        }));
        return new Command("system", "The system manager.") { setup };
    }

    /// <summary>`hospital admit`.</summary>
    public static Command Admit()
    {
        var id = new Option<string>("--hospital-id") { Required = true, Description = "The hospital's id." };
        var operatorKey = new Option<FileInfo>("--operator-keystore") { Required = true, Description = "The hospital operator's keystore (only its public key is read)." };
        var admit = new Command("admit", "Admits a hospital with its operator's login key (sm-admin).") { CliOptions.Key, id, operatorKey };
        admit.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            PublicKey key = PublicKey.Decode(me.Parameters, Convert.FromBase64String(Keystore.ReadPublicKey(r.GetValue(operatorKey)!.FullName)));
            HospitalInfo h = await me.Client.AdmitHospitalAsync(r.GetValue(id)!, key, ct);
            Console.WriteLine($"hospital {h.HospitalId}\npublic-key {h.PublicKey}\npid {h.Pid}\ncredit {h.Credit}");
            return 0;
        }));
        return admit;
    }

    /// <summary>`revoke`: the sm-admin revokes a doctor's or patient's key.</summary>
    public static Command Revoke()
    {
        var role = new Option<string>("--role") { Required = true, Description = "doctor or patient." };
        role.AcceptOnlyFromAmong("doctor", "patient");
        var id = new Option<string>("--id") { Required = true, Description = "The participant's id." };
        var revoke = new Command("revoke", "Revokes a doctor's or patient's key (sm-admin): no login, no records by or for him; final.") { CliOptions.Key, role, id };
        revoke.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            ParticipantKeyInfo info = await me.Client.RevokeKeyAsync(r.GetValue(role)!, r.GetValue(id)!, ct);
            Console.WriteLine($"revoked {info.Role} {info.ParticipantId}");
            return 0;
        }));
        return revoke;
    }

    /// <summary>`login`: prints a bearer token for scripts.</summary>
    public static Command Login()
    {
        var login = new Command("login", "Logs in with a keystore and prints the bearer token.") { CliOptions.Key };
        login.SetAction(Run.AsParticipant((_, me, _) =>
        {
            Console.WriteLine(me.Token);
            return Task.FromResult(0);
        }));
        return login;
    }
}
