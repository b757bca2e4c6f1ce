using System.CommandLine;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Ledger;
using Spectre.Console;

namespace MedChain.Client.Cli;

/// <summary>`ledger verify` and `receipt verify`: checks made here, trusting only the hospital's public key.</summary>
public static class LedgerCommands
{
    /// <summary>The `ledger` command.</summary>
    public static Command Ledger()
    {
        var hospital = new Option<string>("--hospital-id") { Required = true };
        var verify = new Command("verify",
            "Validates a hospital's chain: as that hospital or an sm-admin every block and record signature, as anyone else the signed headers.") { CliOptions.Key, hospital };
        verify.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            string hospitalId = r.GetValue(hospital)!;
            bool records = me.Identity.Role == "sm-admin" || (me.Identity.Role == "hospital" && me.Identity.Id == hospitalId);
            ChainValidationResult result = await AnsiConsole.Status().StartAsync("Validating the chain", _ => records
                ? LedgerVerifier.VerifyChainAsync(me.Client, me.Parameters, hospitalId, ct)
                : LedgerVerifier.VerifyHeadersAsync(me.Client, me.Parameters, hospitalId, ct));
            Console.WriteLine(result.IsValid ? $"chain valid ({(records ? "blocks and records" : "signed headers")})" : $"chain invalid at height {result.FirstBadHeight}: {result.Failure} {result.Detail}");
            return result.IsValid ? 0 : 3;
        }));
        return new Command("ledger", "Hospital chains.") { verify };
    }

    /// <summary>The `receipt` command.</summary>
    public static Command Receipt()
    {
        var hospital = new Option<string>("--hospital-id") { Required = true };
        var record = new Option<string>("--record-id") { Required = true, Description = "The record id (hex) the broadcast returned." };
        var verify = new Command("verify", "Fetches a record's Merkle receipt and checks it against the hospital's signed header.") { CliOptions.Key, hospital, record };
        verify.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            HospitalInfo info = await me.Client.GetHospitalAsync(r.GetValue(hospital)!, ct);
            RecordReceipt receipt = await me.Client.GetReceiptAsync(info.HospitalId, r.GetValue(record)!, ct);
            string? why = LedgerVerifier.VerifyReceipt(me.Parameters, info, r.GetValue(record)!, receipt);
            Console.WriteLine(why is null ? $"receipt valid: block {receipt.Height}, position {receipt.Index} of {receipt.RecordCount}" : $"receipt invalid: {why}");
            return why is null ? 0 : 3;
        }));
        return new Command("receipt", "Merkle receipts.") { verify };
    }
}
