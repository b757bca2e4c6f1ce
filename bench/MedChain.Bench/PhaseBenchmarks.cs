using BenchmarkDotNet.Attributes;

namespace MedChain.Bench;

/// <summary>
/// The paper's Table 5 phases at the three levels (<see cref="SchemePhases"/>).
/// Run: dotnet run -c Release --project bench/MedChain.Bench -- --filter '*PhaseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class PhaseBenchmarks
{
    private Dictionary<string, Func<object>> _phases = [];

    /// <summary>Security level of the parameter set.</summary>
    [Params(80, 112, 128)]
    public int Level { get; set; }

    [GlobalSetup]
    public void Setup() => _phases = SchemePhases.For(Level).ToDictionary(o => o.Name, o => o.Run);

    [Benchmark(Description = "phase-init")]
    public object Initialization() => _phases["phase-init"]();

    [Benchmark(Description = "phase-hospital-join")]
    public object HospitalJoin() => _phases["phase-hospital-join"]();

    [Benchmark(Description = "phase-user-join")]
    public object UserJoin() => _phases["phase-user-join"]();

    [Benchmark(Description = "phase-data-join")]
    public object DataJoin() => _phases["phase-data-join"]();

    [Benchmark(Description = "phase-search-share")]
    public object SearchAndShare() => _phases["phase-search-share"]();

    [Benchmark(Description = "phase-search-share-product")]
    public object SearchAndShareProduct() => _phases["phase-search-share-product"]();
}
