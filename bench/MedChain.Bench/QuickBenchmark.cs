using System.Diagnostics;
using System.Globalization;
using MedChain.Crypto;

namespace MedChain.Bench;

/// <summary>
/// `--quick`: for each level, each crypto operation and each of the paper's phases, warms up (so the JIT's optimized code is what runs),
/// then times at least 30 single runs and prints "name level median_ms". Finishes in well under a
/// minute on the reference machine; BenchmarkDotNet (no --quick) gives the careful figures.
/// Optional arguments: levels (80, 112, 128) and operation names to restrict the run.
/// </summary>
public static class QuickBenchmark
{
    private const int Runs = 31;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromMilliseconds(500);

    public static int Run(string[] filters)
    {
        int[] levels = [80, 112, 128];
        int[] chosenLevels = levels.Where(l => filters.Contains(l.ToString(CultureInfo.InvariantCulture))).ToArray();
        string[] chosenNames = filters.Where(f => !int.TryParse(f, out _)).ToArray();
        foreach (int level in chosenLevels.Length > 0 ? chosenLevels : levels)
        {
            PairingGroup group = PairingGroup.ForSecurityLevel(level);
            foreach ((string name, Func<object> run) in FieldOperation.For(group))
            {
                if (chosenNames.Length > 0 && !chosenNames.Contains(name))
                {
                    continue;
                }
                double ns = Measure(run) * 1e6 / FieldOperation.Chain;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {level} {ns:F1}"));
            }
            IEnumerable<Operation> timed = Operation.For(group);
            if (chosenNames.Length == 0 || chosenNames.Any(n => n.StartsWith("phase-", StringComparison.Ordinal)))
            {
                timed = timed.Concat(SchemePhases.For(level));
            }
            foreach (Operation op in timed)
            {
                if (chosenNames.Length > 0 && !chosenNames.Contains(op.Name))
                {
                    continue;
                }
                double median = Measure(op.Run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{op.Name} {level} {median:F3}"));
            }
        }
        return 0;
    }

    private static double Measure(Func<object> run)
    {
        var clock = Stopwatch.StartNew();
        int warm = 0;
        while (clock.Elapsed < s_warmUp || warm < 5)
        {
            GC.KeepAlive(run());
            warm++;
        }
        var samples = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(run());
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[Runs / 2];
    }
}
