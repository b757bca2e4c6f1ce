using System.CommandLine;
using MedChain.Client.Keys;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Cli;

/// <summary>`keys new|show|enroll|rotate`: key pairs made and kept on this device.</summary>
public static class KeyCommands
{
    /// <summary>The `keys` command.</summary>
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "sm-admin, hospital, doctor, patient or witness.", Required = true };
        role.AcceptOnlyFromAmong("sm-admin", "hospital", "doctor", "patient", "witness");
        var id = new Option<string>("--id") { Description = "The participant id (sm-admin, hospital, witness); a doctor's or patient's is derived from his key." };
        var output = new Option<FileInfo>("--out") { Description = "The keystore file to create.", Required = true };
        var level = new Option<int>("--level") { Description = "Security level for an sm-admin key (80, 112, 128).", DefaultValueFactory = _ => 128 };
        var create = new Command("new", "Makes a key pair and stores the private key encrypted under a passphrase; prints the public key (base64).")
        {
            role, id, output, level,
        };
        create.SetAction(async (r, ct) =>
        {
            string roleValue = r.GetValue(role)!;
            SystemParameters parameters = roleValue == "sm-admin"
                ? SystemParameters.Administration(r.GetValue(level))
                : await MedChainClient.Create(r.GetValue(CliOptions.Api)!).FindParametersAsync(ct)
                    ?? throw new InvalidOperationException("The system is not set up yet; only an sm-admin key can be made before setup.");
            using SecretKey key = SecretKey.Generate(parameters);
            bool derived = roleValue is "doctor" or "patient";
            if (derived == r.GetValue(id) is not null)
            {
                Console.Error.WriteLine(derived ? "A doctor's or patient's id is derived from his key: leave out --id." : $"--id is required for the role {roleValue}.");
                return 2;
            }
            string participantId = derived ? ParticipantIds.Derive(roleValue, key.PublicKey) : r.GetValue(id)!;
            var identity = new KeystoreIdentity(roleValue, participantId, parameters.SecurityLevel, roleValue == "sm-admin");
            Keystore.Save(r.GetValue(output)!.FullName, identity, key, Passphrase.Resolve(r.GetValue(CliOptions.PassphraseFile), confirm: true));
            Console.WriteLine($"id {participantId}\npublic-key {Convert.ToBase64String(key.PublicKey.Encode())}");
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "A keystore file." };
        var show = new Command("show", "Prints a keystore's role, id, level and public key (no passphrase needed).") { file };
        show.SetAction(r =>
        {
            KeystoreIdentity identity = Keystore.ReadIdentity(r.GetValue(file)!.FullName);
            Console.WriteLine($"role {identity.Role}\nid {identity.Id}\nlevel {identity.Level}\npublic-key {Keystore.ReadPublicKey(r.GetValue(file)!.FullName)}");
            return 0;
        });
        var keystore = new Option<FileInfo>("--keystore") { Description = "The doctor's or patient's keystore.", Required = true };
        var hospital = new Option<string>("--hospital-id") { Description = "The hospital that will register him.", Required = true };
        var enroll = new Command("enroll", "Prints the public key and the enrollment proof a hospital needs to register this doctor or patient.") { keystore, hospital };
        enroll.SetAction(async (r, ct) =>
        {
            string path = r.GetValue(keystore)!.FullName;
            KeystoreIdentity identity = Keystore.ReadIdentity(path);
            SystemParameters parameters = await MedChainClient.Create(r.GetValue(CliOptions.Api)!).FindParametersAsync(ct)
                ?? throw new InvalidOperationException("The system is not set up yet.");
            using SecretKey key = Keystore.Open(path, Passphrase.Resolve(r.GetValue(CliOptions.PassphraseFile)), parameters);
            byte[] proof = Protocol.Signatures.EnrollmentStatement.Sign(key, identity.Role, identity.Id, r.GetValue(hospital)!);
            Console.WriteLine($"public-key {Convert.ToBase64String(key.PublicKey.Encode())}\nproof {Convert.ToBase64String(proof)}");
            return 0;
        });
        var rotated = new Option<FileInfo>("--out") { Description = "The keystore file for the new key (the old file stays: it still opens records sealed for the old key).", Required = true };
        var rotate = new Command("rotate", "Replaces a doctor's or patient's key: a new key pair, the rotation signed by both keys, sent to the API; the id stays.")
        {
            CliOptions.Key, rotated,
        };
        rotate.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            if (me.Identity.Role is not ("doctor" or "patient"))
            {
                Console.Error.WriteLine("Only a doctor's or patient's key rotates here.");
                return 2;
            }
            using SecretKey next = SecretKey.Generate(me.Parameters);
            // The new keystore is written first: a key the cluster takes is never one this device has lost.
            Keystore.Save(r.GetValue(rotated)!.FullName, me.Identity, next, Passphrase.Resolve(r.GetValue(CliOptions.PassphraseFile), confirm: true));
            ParticipantKeyInfo info = await me.Client.RotateKeyAsync(me.Identity.Role, me.Identity.Id, KeyRotation.Create(me.Identity.Role, me.Identity.Id, me.Key, next), ct);
            Console.WriteLine($"id {info.ParticipantId}\npublic-key {info.PublicKey}");
            return 0;
        }));
        return new Command("keys", "Key pairs on this device.") { create, show, enroll, rotate };
    }
}
