using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedChain.Load;

/// <summary>A run's outcome: its shape, its answers per operation and status, and the check after it.</summary>
public sealed record LoadReport(string Api, DateTimeOffset StartedAt, double Seconds, long Requests, double RequestsPerSecond, int Concurrency, double? RatePerSecond,
    int Hospitals, int Doctors, int Patients, IReadOnlyList<LatencySummary> Latencies, VerifyResult Verify)
{
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
        return md.ToString();
    }
}
