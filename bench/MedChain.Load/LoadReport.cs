using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedChain.Load;

/// <summary>
/// A drill's fault and repair (seconds into the load), how long until service was back, the failed
/// requests sent after that (stragglers), and the requests per second they were sent in.
/// </summary>
public sealed record DrillOutcome(string Fault, double FaultAt, string? Recover, double? RecoverAt, double? RecoveredAfter, long LateFailures, IReadOnlyList<SecondCount> Timeline);

/// <summary>A run's outcome: its shape, its answers per operation and status, the check after it, and the drill when there was one.</summary>
public sealed record LoadReport(string Api, DateTimeOffset StartedAt, double Seconds, long Requests, double RequestsPerSecond, int Concurrency, double? RatePerSecond,
    int Hospitals, int Doctors, int Patients, IReadOnlyList<LatencySummary> Latencies, VerifyResult Verify, DrillOutcome? Drill = null)
{
    /// <summary>Answers 500 (an unexpected failure; a fault may bring 503s, never 500s).</summary>
    public long InternalErrors => Latencies.Where(l => l.Status == 500).Sum(l => l.Count);

    /// <summary>Answers 503 or none (the service unavailable for a while: what a fault may bring).</summary>
    public long Unavailable => Latencies.Where(l => l.Status is 0 or 503).Sum(l => l.Count);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Answers with a status of 500 or more, or none at all.</summary>
    public long Failures => Latencies.Where(l => l.Status is 0 or >= 500).Sum(l => l.Count);

    /// <summary>The report as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The report as Markdown: the run, a table per operation and status, the check.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        string paced = RatePerSecond is { } r ? string.Create(c, $", paced to {r}/s") : "";
        md.AppendLine(c, $"# Load run against {Api}").AppendLine()
            .AppendLine(c, $"{StartedAt:u}, {Seconds:F1} s, {Requests} requests ({RequestsPerSecond:F1}/s), concurrency {Concurrency}{paced}; {Hospitals} hospitals, {Doctors} doctors, {Patients} patients.")
            .AppendLine()
            .AppendLine("| operation | status | count | p50 ms | p95 ms | p99 ms | max ms |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (LatencySummary l in Latencies)
        {
            md.AppendLine(c, $"| {l.Operation} | {(l.Status == 0 ? "no answer" : l.Status)} | {l.Count} | {l.P50Ms} | {l.P95Ms} | {l.P99Ms} | {l.MaxMs} |");
        }
        md.AppendLine().AppendLine(c, $"Check: {(Verify.Passed ? "passed" : "FAILED")}. {Verify.Acked} records acknowledged, {Verify.InOneBlock} in exactly one sealed block, {Verify.Missing} missing, {Verify.Duplicated} duplicated; {Verify.ReceiptsValid} of {Verify.ReceiptsChecked} receipts valid; {Verify.AuditsConsistent} of {Verify.Hospitals} audits consistent.");
        foreach (string p in Verify.Problems.Take(20))
        {
            md.AppendLine(c, $"- {p}");
        }
        if (Drill is { } d)
        {
            string back = d.RecoveredAfter is { } after ? string.Create(c, $"service back {after:F0} s after the fault ({d.LateFailures} failed requests sent after that)") : "service not back by the end of the load";
            string repair = d.Recover is null ? "" : string.Create(c, $", `{d.Recover}` at {d.RecoverAt:F0} s");
            md.AppendLine().AppendLine(c, $"Drill: `{d.Fault}` at {d.FaultAt:F0} s{repair}; {back}; {InternalErrors} answers 500, {Unavailable} answers 503 or none.")
                .AppendLine().Append("Requests per second sent (answered/failed): ")
                .AppendLine(string.Join(" ", d.Timeline.Select(s => string.Create(c, $"{s.Second}:{s.Answered}/{s.Failed}"))));
        }
        return md.ToString();
    }
}
