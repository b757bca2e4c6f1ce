using System.CommandLine;
using MedChain.Load;
using Spectre.Console;

var api = new Option<string>("--api") { Description = "The API (loopback unless --allow-remote).", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
var adminKey = new Option<FileInfo>("--admin-key") { Description = "The sm-admin's keystore (start.sh: .medchain/keys/sm-admin.json).", Required = true };
var passphrase = new Option<FileInfo>("--admin-passphrase-file") { Description = "A file holding the keystore's passphrase.", Required = true };
var hospitals = new Option<int>("--hospitals") { DefaultValueFactory = _ => 2 };
var doctors = new Option<int>("--doctors") { Description = "Doctors per hospital.", DefaultValueFactory = _ => 4 };
var patients = new Option<int>("--patients") { Description = "Patients per hospital.", DefaultValueFactory = _ => 8 };
var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 16 };
var rate = new Option<double?>("--rate") { Description = "Operations per second over all workers (default: as fast as answers come)." };
var duration = new Option<int>("--seconds") { DefaultValueFactory = _ => 60 };
var max = new Option<long>("--max-operations") { Description = "At most this many operations (a history is two requests).", DefaultValueFactory = _ => 100_000 };
var output = new Option<string>("--out") { Description = "Report path without extension (.json and .md are written).", DefaultValueFactory = _ => "load-report" };
var remote = new Option<bool>("--allow-remote") { Description = "Allow an API that is not on this machine." };
var warmup = new Option<int>("--warmup-records") { Description = "Records broadcast and sealed before the timed load, not recorded (reads then have blocks)." };
var operations = new Option<string?>("--operations") { Description = "Only these operations of the mix, comma-separated (broadcast, search, history, login, head, block, header, receipt)." };
var fault = new Option<string?>("--fault") { Description = "A drill's fault: a shell command run --fault-after seconds into the load." };
var faultAfter = new Option<int>("--fault-after") { DefaultValueFactory = _ => 20 };
var recover = new Option<string?>("--recover") { Description = "A drill's repair: a shell command run --recover-after seconds into the load." };
var recoverAfter = new Option<int>("--recover-after") { DefaultValueFactory = _ => 30 };
var recoveryBound = new Option<int>("--recovery-bound") { Description = "With --fault: the drill fails when service is not back this many seconds after the fault.", DefaultValueFactory = _ => 30 };
var root = new RootCommand("MedChain load driver: a realistic mix over HTTP, latency per endpoint and status, and a check of the ledger afterwards.")
{
    api, adminKey, passphrase, hospitals, doctors, patients, concurrency, rate, duration, max, output, remote, fault, faultAfter, recover, recoverAfter, recoveryBound, operations, warmup,
};
root.SetAction(async (r, ct) =>
{
    var options = new LoadOptions
    {
        Api = new Uri(r.GetValue(api)!.TrimEnd('/') + "/"),
        AdminKeystore = r.GetValue(adminKey)!.FullName,
        AdminPassphrase = File.ReadAllText(r.GetValue(passphrase)!.FullName).TrimEnd('\r', '\n'),
        Hospitals = r.GetValue(hospitals),
        DoctorsPerHospital = r.GetValue(doctors),
        PatientsPerHospital = r.GetValue(patients),
        Concurrency = r.GetValue(concurrency),
        RatePerSecond = r.GetValue(rate),
        Duration = TimeSpan.FromSeconds(r.GetValue(duration)),
        MaxOperations = r.GetValue(max),
        AllowRemote = r.GetValue(remote),
        WarmupRecords = r.GetValue(warmup),
        Operations = r.GetValue(operations)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        FaultCommand = r.GetValue(fault),
        FaultAfter = TimeSpan.FromSeconds(r.GetValue(faultAfter)),
        RecoverCommand = r.GetValue(recover),
        RecoverAfter = TimeSpan.FromSeconds(r.GetValue(recoverAfter)),
    };
    LoadReport report = await new LoadRun(options, AnsiConsole.Console).RunAsync(ct);
    string path = r.GetValue(output)!;
    await File.WriteAllTextAsync(path + ".json", report.ToJson(), ct);
    await File.WriteAllTextAsync(path + ".md", report.ToMarkdown(), ct);
    Console.WriteLine(report.ToMarkdown());
    if (report.Drill is { } drill)
    {
        // A drill may bring 503s and unanswered calls while the fault lasts; never a 500, a lost record, or a service that does not come back.
        bool back = drill.RecoveredAfter is { } after && after <= r.GetValue(recoveryBound);
        bool drillPassed = report.Verify.Passed && report.InternalErrors == 0 && back;
        Console.WriteLine($"drill {(drillPassed ? "passed" : "failed")}: {report.InternalErrors} answers 500, {report.Unavailable} 503 or none, "
            + $"service back {(drill.RecoveredAfter is { } a ? $"{a:F0} s" : "never")} after the fault (bound {r.GetValue(recoveryBound)} s, {drill.LateFailures} stragglers failed after), "
            + $"{report.Verify.Missing} acknowledged records lost, check {(report.Verify.Passed ? "passed" : "failed")}");
        return drillPassed ? 0 : 1;
    }
    bool passed = report.Verify.Passed && report.Failures == 0;
    Console.WriteLine($"load {(passed ? "passed" : "failed")}: {report.Requests} requests, {report.Failures} answered 5xx or not at all, check {(report.Verify.Passed ? "passed" : "failed")}");
    return passed ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
