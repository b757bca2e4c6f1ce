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
var root = new RootCommand("MedChain load driver: a realistic mix over HTTP, latency per endpoint and status, and a check of the ledger afterwards.")
{
    api, adminKey, passphrase, hospitals, doctors, patients, concurrency, rate, duration, max, output, remote,
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
    };
    LoadReport report = await new LoadRun(options, AnsiConsole.Console).RunAsync(ct);
    string path = r.GetValue(output)!;
    await File.WriteAllTextAsync(path + ".json", report.ToJson(), ct);
    await File.WriteAllTextAsync(path + ".md", report.ToMarkdown(), ct);
    Console.WriteLine(report.ToMarkdown());
    bool passed = report.Verify.Passed && report.Failures == 0;
    Console.WriteLine($"load {(passed ? "passed" : "failed")}: {report.Requests} requests, {report.Failures} answered 5xx or not at all, check {(report.Verify.Passed ? "passed" : "failed")}");
    return passed ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
