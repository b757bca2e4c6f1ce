using System.CommandLine;
using System.Text;
using System.Text.Json;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>The doctor's commands: `record add` (encrypt, sign, broadcast) and `history` (read what a patient shared).</summary>
public static class RecordCommands
{
    /// <summary>The `record` command.</summary>
    public static Command Record()
    {
        var patientId = new Option<string>("--patient-id") { Required = true };
        var patientKey = new Option<string>("--patient-key") { Required = true, Description = "The patient's public key (base64)." };
        var alpha = new Option<string>("--alpha") { Required = true, Description = "The patient's alpha from his hospital (base64)." };
        var symptom = new Option<string>("--symptom") { Required = true, Description = "The symptom code (the search keyword), e.g. R50.9." };
        var file = new Option<FileInfo?>("--file") { Description = "The diagnosis; read from stdin when absent." };
        var add = new Command("add", "Encrypts a diagnosis for a patient under a symptom, signs it and broadcasts it to the doctor's hospital.")
        {
            CliOptions.Key, patientId, patientKey, alpha, symptom, file,
        };
        add.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            byte[] body = r.GetValue(file) is { } f ? await File.ReadAllBytesAsync(f.FullName, ct) : await ReadStdinAsync(ct);
            DoctorInfo self = await me.Client.GetDoctorAsync(me.Identity.Id, ct);
            HospitalInfo hospital = await me.Client.GetHospitalAsync(self.HospitalId, ct);
            var device = new DoctorDevice(me.Parameters, me.Identity.Id, me.Key);
            BroadcastRecordRequest record = await AnsiConsole.Status().StartAsync("Encrypting and signing", _ => Task.FromResult(device.Encrypt(
                r.GetValue(patientId)!, PublicKey.Decode(me.Parameters, Convert.FromBase64String(r.GetValue(patientKey)!)),
                Convert.FromBase64String(r.GetValue(alpha)!), hospital, r.GetValue(symptom)!, body)));
            RecordAccepted accepted = await me.Client.BroadcastAsync(me.Identity.Id, record, ct);
            Console.WriteLine($"record {accepted.RecordId} stored at {accepted.HospitalId}");
            return 0;
        }));
        return new Command("record", "Medical records.") { add };
    }

    /// <summary>`history`: a patient's history re-encrypted for the calling doctor, from a share ticket.</summary>
    public static Command History()
    {
        var ticket = new Option<FileInfo>("--ticket") { Required = true, Description = "The share ticket the patient made with `consent grant`." };
        var history = new Command("history", "Reads a patient's history across hospitals under his consent (doctor).") { CliOptions.Key, ticket };
        history.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            ShareRequest request = JsonSerializer.Deserialize<ShareRequest>(await File.ReadAllTextAsync(r.GetValue(ticket)!.FullName, ct), ShareTicket.Json)
                ?? throw new FormatException("The ticket is empty.");
            SharedRecords records = await AnsiConsole.Status().StartAsync("Asking the SM proxy", _ => me.Client.ShareAsync(request, ct));
            var device = new DoctorDevice(me.Parameters, me.Identity.Id, me.Key);
            foreach (string record in records.Records)
            {
                Console.WriteLine(Encoding.UTF8.GetString(device.DecryptShared(record)));
            }
            Console.Error.WriteLine($"{records.Records.Length} record(s)" + (records.SkippedHospitals.Length > 0 ? $"; {records.SkippedHospitals.Length} suspended hospital(s) skipped" : ""));
            return 0;
        }));
        return history;
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
