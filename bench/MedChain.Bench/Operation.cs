using MedChain.Crypto;

namespace MedChain.Bench;

/// <summary>
/// A measured operation, named as in docs/benchmarks.md and the quick benchmark's output, with
/// its inputs made once per level so that only the operation itself is timed. The crypto core's
/// operations are here; the scheme's phases are <see cref="SchemePhases"/>.
/// </summary>
public sealed class Operation
{
    internal Operation(string name, Func<object> run)
    {
        Name = name;
        Run = run;
    }

    /// <summary>The name printed by the quick benchmark.</summary>
    public string Name { get; }

    /// <summary>Runs the operation once and returns its result (so nothing is optimized away).</summary>
    public Func<object> Run { get; }

    /// <summary>All operations for one group, inputs random but fixed.</summary>
    public static IReadOnlyList<Operation> For(PairingGroup group)
    {
        G1Point p = group.RandomG1();
        G1Point q = group.RandomG1();
        G1Point negP = p.Negate();
        Scalar k = group.RandomNonZeroScalar();
        PreparedG1 prepared = group.Prepare(p);
        G1FixedBase fixedBase = group.CreateFixedBase(p);
        GtElement gt = group.Pair(p, q);
        byte[] message = "R50.9 fever of unknown origin"u8.ToArray();
        G1Point[] firsts = [p, negP];
        G1Point[] seconds = [q, p];
        return
        [
            new("pairing", () => group.Pair(p, q)),
            new("pairing-pp", () => prepared.Pair(q)),
            new("pairing-product", () => group.PairProduct(firsts, seconds)),
            new("g1-mul", () => p.Multiply(k)),
            new("g1-mul-fixed", () => fixedBase.Multiply(k)),
            new("gt-pow", () => gt.Pow(k)),
            new("hash-g1", () => group.HashToG1(message, "MedChain-Bench"u8)),
        ];
    }
}
