using System.CommandLine;
using System.Text;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>The patient's commands: `consent grant|revoke|list`, `search` and `match`.</summary>
public static class PatientCommands
{
    /// <summary>The `consent` command.</summary>
    public static Command Consent()
    {
        var doctorId = new Option<string>("--doctor-id") { Required = true };
        var symptom = new Option<string>("--symptom") { Required = true, Description = "The symptom whose records the doctor may read." };
        var days = new Option<int>("--days") { DefaultValueFactory = _ => 7, Description = "Days until the consent expires." };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "Where to write the share ticket for the doctor (a new file)." };
        var doctorKey = new Option<string?>("--doctor-key") { Description = "The doctor's public key (base64) as he gave it: refuse if the API names another." };
        var grant = new Command("grant", "Grants a doctor access to the records of a symptom; writes the share ticket he needs.")
        {
            CliOptions.Key, doctorId, symptom, days, output, doctorKey,
        };
        grant.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            var device = new PatientDevice(me.Parameters, me.Identity.Id, me.Key);
            DoctorInfo doctor = await me.Client.GetDoctorAsync(r.GetValue(doctorId)!, ct);
            if (r.GetValue(doctorKey) is { } pinned && pinned != doctor.PublicKey)
            {
                throw new InvalidOperationException($"The API gives doctor {doctor.DoctorId} another key than the one pinned: no consent granted.");
            }
            Console.WriteLine($"doctor {doctor.DoctorId} at {doctor.HospitalId}, key fingerprint {Fingerprint(doctor.PublicKey)}");
            string consentId = "consent-" + Guid.NewGuid().ToString("N")[..12];
            PatientHospital[] hospitals = await me.Client.GetPatientHospitalsAsync(me.Identity.Id, ct);
            (GrantConsentRequest consent, ShareRequest ticket) = device.Consent(consentId, doctor, DateTimeOffset.UtcNow.AddDays(r.GetValue(days)), hospitals, r.GetValue(symptom)!);
            await me.Client.GrantConsentAsync(me.Identity.Id, consent, ct);
            await ShareTicket.WriteAsync(r.GetValue(output)!.FullName, ticket, ct);
            Console.WriteLine($"consent {consentId} for {doctor.DoctorId}; ticket written to {r.GetValue(output)!.Name}");
            return 0;
        }));

        var consentId = new Option<string>("--consent-id") { Required = true };
        var revoke = new Command("revoke", "Revokes a consent.") { CliOptions.Key, consentId };
        revoke.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            await me.Client.RevokeConsentAsync(me.Identity.Id, r.GetValue(consentId)!, ct);
            Console.WriteLine($"consent {r.GetValue(consentId)} revoked");
            return 0;
        }));

        var list = new Command("list", "Lists the patient's consents.") { CliOptions.Key };
        list.SetAction(Run.AsParticipant(async (_, me, ct) =>
        {
            foreach (ConsentSummary c in await me.Client.GetConsentsAsync(me.Identity.Id, ct))
            {
                Console.WriteLine($"{c.ConsentId} {c.DoctorId} expires {DateTimeOffset.FromUnixTimeMilliseconds(c.ExpiresAtMs):u}{(c.Revoked ? " revoked" : "")}");
            }
            return 0;
        }));
        return new Command("consent", "The patient's consents.") { grant, revoke, list };
    }

    private static string Fingerprint(string publicKey) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(publicKey)))[..16];

    /// <summary>The `search` command: the patient's own records of a symptom, decrypted here.</summary>
    public static Command Search()
    {
        var symptom = new Option<string>("--symptom") { Required = true };
        var search = new Command("search", "Finds and decrypts the patient's records of a symptom at every hospital that holds his records.") { CliOptions.Key, symptom };
        search.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            var device = new PatientDevice(me.Parameters, me.Identity.Id, me.Key);
            foreach (PatientHospital h in await me.Client.GetPatientHospitalsAsync(me.Identity.Id, ct))
            {
                RecordList found = await me.Client.SearchAsync(me.Identity.Id, new SearchRequest(h.Pid, device.Trapdoor(h, r.GetValue(symptom)!)), ct);
                foreach (string record in found.Records)
                {
                    Console.WriteLine(Encoding.UTF8.GetString(device.Decrypt(record)));
                }
            }
            return 0;
        }));
        return search;
    }

    /// <summary>The `match` command: a patients session with another patient.</summary>
    public static Command Match()
    {
        var session = new Option<string>("--session") { Required = true, Description = "The session id both patients use." };
        var peer = new Option<string>("--peer") { Required = true, Description = "The other patient's id." };
        var symptom = new Option<string>("--symptom") { Required = true };
        var initiator = new Option<bool>("--initiator") { Description = "Open the session (the other patient joins without this flag)." };
        var match = new Command("match", "Authenticates with another patient of the same symptom and agrees a session key; exit 2 when no match.")
        {
            CliOptions.Key, session, peer, symptom, initiator,
        };
        match.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            if (r.GetValue(initiator))
            {
                await me.Client.StartMatchingAsync(r.GetValue(session)!, r.GetValue(peer)!, ct);
            }
            var device = new PatientDevice(me.Parameters, me.Identity.Id, me.Key);
            byte[]? key = await AnsiConsole.Status().StartAsync("Waiting for the other patient", _ =>
                device.MatchAsync(me.Client, r.GetValue(session)!, r.GetValue(peer)!, r.GetValue(initiator), r.GetValue(symptom)!, ct));
            Console.WriteLine(key is null ? "no match" : "matched: session key agreed");
            return key is null ? 2 : 0;
        }));
        return match;
    }
}
