using System.Collections.Concurrent;
using HdrHistogram;

namespace MedChain.Load;

/// <summary>Latencies in microseconds per operation and HTTP status (0: no answer), in HdrHistogram's concurrent histograms.</summary>
public sealed class LatencyRecorder
{
    private const long Highest = 120_000_000; // two minutes, in microseconds

    private readonly ConcurrentDictionary<(string Operation, int Status), LongConcurrentHistogram> _histograms = new();
    private readonly ConcurrentDictionary<int, (long Answered, long Failed)> _seconds = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _total;

    /// <summary>Requests recorded so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Records one answer.</summary>
    public void Record(string operation, int status, TimeSpan latency)
    {
        LongConcurrentHistogram h = _histograms.GetOrAdd((operation, status), _ => new LongConcurrentHistogram(1, Highest, 3));
        h.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, Highest));
        Interlocked.Increment(ref _total);
        bool failed = status is 0 or >= 500;
        // Counted in the second the request was sent: one that hangs until its timeout is a failure of when it was asked.
        _seconds.AddOrUpdate(Math.Max(0, (int)(_clock.Elapsed - latency).TotalSeconds), _ => failed ? (0, 1) : (1, 0), (_, c) => failed ? (c.Answered, c.Failed + 1) : (c.Answered + 1, c.Failed));
    }

    /// <summary>Requests per second they were sent in, since the recorder started: answered below 500, and the failures (5xx or none).</summary>
    public IReadOnlyList<SecondCount> Timeline() =>
        [.. _seconds.OrderBy(s => s.Key).Select(s => new SecondCount(s.Key, s.Value.Answered, s.Value.Failed))];

    /// <summary>
    /// Seconds from <paramref name="fault"/> (since the recorder started) until service was back. A
    /// second is impaired when a request sent in it failed or none was sent (every worker waiting on
    /// a stuck call). From the first impaired second after the fault, service is back at the start of
    /// the first five unimpaired seconds in a row (0 when the fault impaired none); null when that
    /// never came. <paramref name="late"/> counts the failed requests sent after that point.
    /// </summary>
    public double? RecoveryAfter(TimeSpan fault, out long late)
    {
        late = 0;
        IReadOnlyList<SecondCount> t = Timeline();
        if (t.Count == 0)
        {
            return null;
        }
        var bySecond = t.ToDictionary(s => s.Second);
        bool Impaired(int second) => !bySecond.TryGetValue(second, out SecondCount? c) || c.Failed > 0 || c.Answered == 0;
        int from = (int)fault.TotalSeconds, last = t[^1].Second;
        int first = Enumerable.Range(from, Math.Max(0, last - from + 1)).FirstOrDefault(Impaired, -1);
        if (first < 0)
        {
            return 0;
        }
        for (int s = first + 1; s + 4 <= last; s++)
        {
            if (!Enumerable.Range(s, 5).Any(Impaired))
            {
                late = t.Where(x => x.Second >= s).Sum(x => x.Failed);
                return Math.Max(0, s - fault.TotalSeconds);
            }
        }
        return null;
    }

    /// <summary>What was recorded, per operation and status, sorted.</summary>
    public IReadOnlyList<LatencySummary> Summaries() =>
        [.. _histograms.OrderBy(p => p.Key.Operation, StringComparer.Ordinal).ThenBy(p => p.Key.Status)
            .Select(p => LatencySummary.Of(p.Key.Operation, p.Key.Status, p.Value.Copy()))];
}

/// <summary>One second of a run: answers below 500, and failures (5xx or no answer).</summary>
public sealed record SecondCount(int Second, long Answered, long Failed);

/// <summary>One operation and status: how many, and the latency percentiles (milliseconds).</summary>
public sealed record LatencySummary(string Operation, int Status, long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>The summary of a histogram of microseconds.</summary>
    public static LatencySummary Of(string operation, int status, HistogramBase h) => new(operation, status, h.TotalCount,
        Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(95)), Ms(h.GetValueAtPercentile(99)), Ms(h.GetMaxValue()));

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 2);
}
