using System.Diagnostics;
using System.Net;
using MedChain.Client.Sdk;
using Spectre.Console;

namespace MedChain.Load;

/// <summary>
/// A load run: the population is made, <see cref="LoadOptions.Concurrency"/> workers run the mix
/// until the duration or the request budget is spent (paced when a rate is set), a live view shows
/// the answers so far, and the check runs on what was acknowledged.
/// </summary>
public sealed class LoadRun(LoadOptions options, IAnsiConsole console)
{
    private long _issued;

    /// <summary>Runs the load and the check; the report of both.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellation)
    {
        if (!options.AllowRemote && !IsLoopback(options.Api))
        {
            throw new ArgumentException($"{options.Api} is not a loopback address; load another machine only with --allow-remote.");
        }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(16, options.Concurrency * 2), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Api, Timeout = options.RequestTimeout };
        // One attempt per call: the run reports every answer as it came, 503s included.
        MedChainClient NewClient() => new(http, maxAttempts: 1);
        string run = Guid.NewGuid().ToString("N")[..8];
        console.MarkupLine($"[grey]load run {run}: making {options.Hospitals} hospitals with their doctors and patients[/]");
        LoadPopulation population = await LoadPopulation.CreateAsync(options, NewClient, run, cancellation);

        var latencies = new LatencyRecorder();
        var mix = new LoadMix(population, latencies, options.Operations);
        if (options.WarmupRecords > 0)
        {
            console.MarkupLine($"[grey]warm-up: {options.WarmupRecords} records broadcast and sealed[/]");
            await mix.WarmUpAsync(options.WarmupRecords, cancellation);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stop.CancelAfter(options.Duration);
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Task[] workers = [.. Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => WorkAsync(mix, new Random(options.Seed * 7919 + w), clock, stop.Token)))];
        Task fault = RunAtAsync(options.FaultCommand, options.FaultAfter, stop.Token);
        Task recover = RunAtAsync(options.RecoverCommand, options.RecoverAfter, stop.Token);
        await ShowAsync(Task.WhenAll(workers), latencies, clock);
        double seconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(fault, recover);
        double? recovered = latencies.RecoveryAfter(options.FaultAfter, out long late);
        DrillOutcome? drill = options.FaultCommand is null ? null : new DrillOutcome(options.FaultCommand, options.FaultAfter.TotalSeconds,
            options.RecoverCommand, options.RecoverCommand is null ? null : options.RecoverAfter.TotalSeconds, recovered, late, latencies.Timeline());

        console.MarkupLine("[grey]checking: sealing, reading every block, receipts, audits[/]");
        VerifyResult verify = await LoadVerifier.VerifyAsync(population, mix.Acked(), 200, cancellation);
        return new LoadReport(options.Api.ToString(), startedAt, Math.Round(seconds, 2), latencies.Total, Math.Round(latencies.Total / seconds, 1), options.Concurrency,
            options.RatePerSecond, population.Hospitals.Count, population.Doctors.Count, population.Patients.Count, latencies.Summaries(), verify, drill);
    }

    /// <summary>Runs a drill's shell command at its time into the load (nothing when there is none or the load ended first).</summary>
    private async Task RunAtAsync(string? command, TimeSpan after, CancellationToken stop)
    {
        if (command is null)
        {
            return;
        }
        try
        {
            await Task.Delay(after, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        console.MarkupLineInterpolated($"[yellow]{after.TotalSeconds:F0} s: {command}[/]");
        using Process shell = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("bash did not start.");
        await shell.WaitForExitAsync(CancellationToken.None);
    }

    private async Task WorkAsync(LoadMix mix, Random random, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            long n = Interlocked.Increment(ref _issued);
            if (n > options.MaxOperations)
            {
                return;
            }
            if (options.RatePerSecond is { } rate)
            {
                TimeSpan due = TimeSpan.FromSeconds(n / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(due, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
            // Requests in flight finish (bounded by the request timeout); only new ones stop.
            await mix.RunOneAsync(random, CancellationToken.None);
        }
    }

    private async Task ShowAsync(Task work, LatencyRecorder latencies, Stopwatch clock)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(5))) != work)
            {
                console.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: {latencies.Total} requests");
            }
            await work;
            return;
        }
        await console.Live(View(latencies, clock)).StartAsync(async live =>
        {
            while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1))) != work)
            {
                live.UpdateTarget(View(latencies, clock));
            }
            live.UpdateTarget(View(latencies, clock));
        });
        await work;
    }

    private static Table View(LatencyRecorder latencies, Stopwatch clock)
    {
        var table = new Table().Title($"{clock.Elapsed.TotalSeconds:F0} s, {latencies.Total} requests")
            .AddColumns("operation", "status", "count", "p50 ms", "p99 ms", "max ms");
        foreach (LatencySummary l in latencies.Summaries())
        {
            table.AddRow(l.Operation, l.Status == 0 ? "no answer" : l.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{l.P50Ms}", $"{l.P99Ms}", $"{l.MaxMs}");
        }
        return table;
    }

    private static bool IsLoopback(Uri api) =>
        api.IsLoopback || (IPAddress.TryParse(api.Host, out IPAddress? address) && IPAddress.IsLoopback(address));
}
