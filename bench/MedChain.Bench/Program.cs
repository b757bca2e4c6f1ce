using BenchmarkDotNet.Running;
using MedChain.Bench;

if (args.Contains("--quick"))
{
    return QuickBenchmark.Run(args.Where(a => a != "--quick").ToArray());
}
BenchmarkSwitcher.FromAssembly(typeof(QuickBenchmark).Assembly).Run(args);
return 0;
