using System.Collections.Concurrent;
using HdrHistogram;

namespace MedChain.Load;

/// <summary>Latencies in microseconds per operation and HTTP status (0: no answer), in HdrHistogram's concurrent histograms.</summary>
public sealed class LatencyRecorder
{
    private const long Highest = 120_000_000; // two minutes, in microseconds

    private readonly ConcurrentDictionary<(string Operation, int Status), LongConcurrentHistogram> _histograms = new();
    private long _total;

    /// <summary>Requests recorded so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Records one answer.</summary>
    public void Record(string operation, int status, TimeSpan latency)
    {
        LongConcurrentHistogram h = _histograms.GetOrAdd((operation, status), _ => new LongConcurrentHistogram(1, Highest, 3));
        h.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, Highest));
        Interlocked.Increment(ref _total);
    }

    /// <summary>What was recorded, per operation and status, sorted.</summary>
    public IReadOnlyList<LatencySummary> Summaries() =>
        [.. _histograms.OrderBy(p => p.Key.Operation, StringComparer.Ordinal).ThenBy(p => p.Key.Status)
            .Select(p => LatencySummary.Of(p.Key.Operation, p.Key.Status, p.Value.Copy()))];
}

/// <summary>One operation and status: how many, and the latency percentiles (milliseconds).</summary>
public sealed record LatencySummary(string Operation, int Status, long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>The summary of a histogram of microseconds.</summary>
    public static LatencySummary Of(string operation, int status, HistogramBase h) => new(operation, status, h.TotalCount,
        Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(95)), Ms(h.GetValueAtPercentile(99)), Ms(h.GetMaxValue()));

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 2);
}
