using BenchmarkDotNet.Attributes;
using MedChain.Crypto;
using MedChain.Crypto.Fields;

namespace MedChain.Bench;

/// <summary>
/// One F_q multiplication, squaring, addition and inversion at each level. MemoryDiagnoser shows
/// that field arithmetic allocates nothing (Allocated = "-").
/// Run: dotnet run -c Release --project bench/MedChain.Bench -- --filter '*FieldBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class FieldBenchmarks
{
    private PrimeField _fq = null!;
    private FieldElement[] _values = [];

    /// <summary>Security level of the parameter set (q of 512, 1024, 1536 bits).</summary>
    [Params(80, 112, 128)]
    public int Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fq = new PrimeField(PairingGroup.ForSecurityLevel(Level).Parameters.Q);
        _values = new FieldElement[2];
        _fq.Random(out _values[0]);
        _fq.Random(out _values[1]);
    }

    [Benchmark(Description = "fq-mul")]
    public ulong Mul()
    {
        _fq.Mul(in _values[0], in _values[1], out FieldElement r);
        return r[0];
    }

    [Benchmark(Description = "fq-mul2 (two products)")]
    public ulong Mul2()
    {
        _fq.Mul2(in _values[0], in _values[1], in _values[1], in _values[0], out FieldElement r, out FieldElement s);
        return r[0] ^ s[0];
    }

    [Benchmark(Description = "fq-sqr")]
    public ulong Sqr()
    {
        _fq.Sqr(in _values[0], out FieldElement r);
        return r[0];
    }

    [Benchmark(Description = "fq-add")]
    public ulong Add()
    {
        _fq.Add(in _values[0], in _values[1], out FieldElement r);
        return r[0];
    }

    [Benchmark(Description = "fq-inv")]
    public ulong Inverse()
    {
        _fq.InverseVartime(in _values[0], out FieldElement r);
        return r[0];
    }
}
