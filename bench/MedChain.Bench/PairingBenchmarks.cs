using BenchmarkDotNet.Attributes;
using MedChain.Crypto;

namespace MedChain.Bench;

/// <summary>
/// BenchmarkDotNet figures for the group and pairing operations at the three levels, the same
/// operations the quick benchmark times (<see cref="Operation"/>).
/// Run: dotnet run -c Release --project bench/MedChain.Bench -- --filter '*PairingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class PairingBenchmarks
{
    private Dictionary<string, Func<object>> _operations = [];

    /// <summary>Security level of the parameter set.</summary>
    [Params(80, 112, 128)]
    public int Level { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _operations = Operation.For(PairingGroup.ForSecurityLevel(Level)).ToDictionary(o => o.Name, o => o.Run);

    [Benchmark(Description = "pairing")]
    public object Pairing() => _operations["pairing"]();

    [Benchmark(Description = "pairing-pp")]
    public object PairingPrepared() => _operations["pairing-pp"]();

    [Benchmark(Description = "pairing-product")]
    public object PairingProduct() => _operations["pairing-product"]();

    [Benchmark(Description = "g1-mul")]
    public object G1Mul() => _operations["g1-mul"]();

    [Benchmark(Description = "g1-mul-fixed")]
    public object G1MulFixed() => _operations["g1-mul-fixed"]();

    [Benchmark(Description = "gt-pow")]
    public object GtPow() => _operations["gt-pow"]();

    [Benchmark(Description = "hash-g1")]
    public object HashG1() => _operations["hash-g1"]();
}
