using System.Numerics;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Tests;

/// <summary>
/// The internal Montgomery field <see cref="PrimeField"/> is the field Z/mZ: every operation
/// (add, sub, neg, double, mul, sqr, the paired Mul2/Sqr2, inversions, square roots, Legendre
/// symbols, conversions) equals BigInteger arithmetic mod m, also on edge values and when the
/// output aliases an input. Run for q (unrolled 8/16/24-limb code) and r (generic loops) of
/// every parameter set.
/// </summary>
public sealed class PrimeFieldTests
{
    public static TheoryData<int, char> Moduli() => new()
    {
        { 80, 'q' }, { 112, 'q' }, { 128, 'q' },
        { 80, 'r' }, { 112, 'r' }, { 128, 'r' },
    };

    [Theory]
    [MemberData(nameof(Moduli))]
    public void ConversionsRoundTrip(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        Assert.Equal(m, f.Modulus);
        Assert.Equal((int)((m.GetBitLength() + 7) / 8), f.ByteLength);
        foreach (BigInteger v in TestValues.EdgeValues(m))
        {
            FieldElement e = E(f, v);
            Assert.Equal(v, f.ToBigInteger(in e));
            Assert.Equal(v.IsZero, f.IsZero(in e));
            Assert.Equal(!v.IsEven, f.IsOdd(in e));
            f.FromBigInteger(v + m, out FieldElement plusM);
            f.FromBigInteger(v - m, out FieldElement minusM);
            f.FromBigInteger(v + 5 * m * m, out FieldElement plusBig);
            Assert.True(f.Equal(in e, in plusM) && f.Equal(in e, in minusM) && f.Equal(in e, in plusBig), $"FromBigInteger does not reduce {v}");

            byte[] bytes = new byte[f.ByteLength];
            f.WriteBytes(in e, bytes);
            Assert.Equal(ReferenceMath.ToBytes(v, f.ByteLength), bytes);
            Assert.True(f.TryReadBytes(bytes, out FieldElement read));
            Assert.True(f.Equal(in e, in read));
            f.FromBytesReduced(ReferenceMath.ToBytes(v + m, f.ByteLength + 1), out FieldElement reduced);
            Assert.True(f.Equal(in e, in reduced));
        }
        for (ulong small = 0; small < 70; small += 7)
        {
            f.FromUInt64(small, out FieldElement s);
            Assert.Equal(new BigInteger(small), f.ToBigInteger(in s));
        }
        f.FromUInt64(ulong.MaxValue, out FieldElement max);
        Assert.Equal(ReferenceMath.Mod(ulong.MaxValue, m), f.ToBigInteger(in max));
        Assert.Equal(BigInteger.One, f.ToBigInteger(in f.One));

        // Non-canonical or mis-sized byte strings are refused.
        Assert.False(f.TryReadBytes(ReferenceMath.ToBytes(m, f.ByteLength), out _));
        Assert.False(f.TryReadBytes(ReferenceMath.ToBytes(m + 1, f.ByteLength), out _));
        byte[] ones = new byte[f.ByteLength];
        Array.Fill(ones, (byte)0xFF);
        Assert.False(f.TryReadBytes(ones, out _));
        Assert.False(f.TryReadBytes(new byte[f.ByteLength - 1], out _));
        Assert.False(f.TryReadBytes(new byte[f.ByteLength + 1], out _));
        Assert.True(f.TryReadBytes(ReferenceMath.ToBytes(m - 1, f.ByteLength), out FieldElement top));
        Assert.Equal(m - 1, f.ToBigInteger(in top));
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void ArithmeticMatchesBigInteger(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        IReadOnlyList<BigInteger> values = TestValues.EdgeAndRandomValues(m, TestValues.Rng(level, which), 6);
        FieldElement[] elements = values.Select(v => E(f, v)).ToArray();
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger a = values[i];
            ref readonly FieldElement ea = ref elements[i];
            f.Neg(in ea, out FieldElement neg);
            Check(f, ReferenceMath.Mod(-a, m), in neg, "neg", a, 0);
            f.Double(in ea, out FieldElement dbl);
            Check(f, ReferenceMath.Mod(2 * a, m), in dbl, "double", a, 0);
            f.Sqr(in ea, out FieldElement sqr);
            Check(f, ReferenceMath.Mod(a * a, m), in sqr, "sqr", a, 0);
            for (int j = 0; j < values.Count; j++)
            {
                BigInteger b = values[j];
                ref readonly FieldElement eb = ref elements[j];
                f.Add(in ea, in eb, out FieldElement sum);
                Check(f, ReferenceMath.Mod(a + b, m), in sum, "add", a, b);
                f.Sub(in ea, in eb, out FieldElement difference);
                Check(f, ReferenceMath.Mod(a - b, m), in difference, "sub", a, b);
                f.Mul(in ea, in eb, out FieldElement product);
                Check(f, ReferenceMath.Mod(a * b, m), in product, "mul", a, b);
                Assert.True(f.Equal(in ea, in eb) == (a == b), $"Equal({a}, {b})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void PairedProductsEqualSeparateProducts(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        IReadOnlyList<BigInteger> values = TestValues.EdgeAndRandomValues(m, TestValues.Rng(level, which + 1), 6);
        int n = values.Count;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                BigInteger a = values[i];
                BigInteger b = values[(i * 3 + k + 1) % n];
                BigInteger c = values[(i * 7 + 5 * k + 2) % n];
                BigInteger d = values[(i * 11 + 3 * k + 3) % n];
                FieldElement ea = E(f, a), eb = E(f, b), ec = E(f, c), ed = E(f, d);
                f.Mul2(in ea, in eb, in ec, in ed, out FieldElement r, out FieldElement s);
                Check(f, ReferenceMath.Mod(a * b, m), in r, "Mul2 first", a, b);
                Check(f, ReferenceMath.Mod(c * d, m), in s, "Mul2 second", c, d);
                f.Mul(in ea, in eb, out FieldElement r1);
                f.Mul(in ec, in ed, out FieldElement s1);
                Assert.True(f.Equal(in r, in r1) && f.Equal(in s, in s1), "Mul2 differs from two Mul");
                f.Sqr2(in ea, in ec, out FieldElement ra, out FieldElement sc);
                Check(f, ReferenceMath.Mod(a * a, m), in ra, "Sqr2 first", a, a);
                Check(f, ReferenceMath.Mod(c * c, m), in sc, "Sqr2 second", c, c);
                f.Mul2(in ea, in ea, in ea, in ea, out FieldElement same1, out FieldElement same2);
                Check(f, ReferenceMath.Mod(a * a, m), in same1, "Mul2(a,a,a,a) first", a, a);
                Check(f, ReferenceMath.Mod(a * a, m), in same2, "Mul2(a,a,a,a) second", a, a);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void OutputsMayAliasInputs(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        Random rng = TestValues.Rng(level, which + 2);
        for (int trial = 0; trial < 20; trial++)
        {
            BigInteger a = trial == 0 ? m - 1 : TestValues.RandomBelow(rng, m);
            BigInteger b = trial == 0 ? m - 2 : TestValues.RandomBelow(rng, m);
            BigInteger c = TestValues.RandomBelow(rng, m);
            BigInteger d = TestValues.RandomBelow(rng, m);
            BigInteger ab = ReferenceMath.Mod(a * b, m), cd = ReferenceMath.Mod(c * d, m);

            FieldElement x = E(f, a), y = E(f, b);
            f.Add(in x, in y, out x);
            Check(f, ReferenceMath.Mod(a + b, m), in x, "Add r=a", a, b);
            x = E(f, a);
            f.Add(in x, in y, out y);
            Check(f, ReferenceMath.Mod(a + b, m), in y, "Add r=b", a, b);
            x = E(f, a); y = E(f, b);
            f.Sub(in x, in y, out x);
            Check(f, ReferenceMath.Mod(a - b, m), in x, "Sub r=a", a, b);
            x = E(f, a);
            f.Sub(in x, in y, out y);
            Check(f, ReferenceMath.Mod(a - b, m), in y, "Sub r=b", a, b);
            x = E(f, a); y = E(f, b);
            f.Mul(in x, in y, out x);
            Check(f, ab, in x, "Mul r=a", a, b);
            x = E(f, a);
            f.Mul(in x, in y, out y);
            Check(f, ab, in y, "Mul r=b", a, b);
            x = E(f, a);
            f.Mul(in x, in x, out x);
            Check(f, ReferenceMath.Mod(a * a, m), in x, "Mul r=a=b", a, a);
            x = E(f, a);
            f.Sqr(in x, out x);
            Check(f, ReferenceMath.Mod(a * a, m), in x, "Sqr r=a", a, a);
            x = E(f, a);
            f.Neg(in x, out x);
            Check(f, ReferenceMath.Mod(-a, m), in x, "Neg r=a", a, 0);
            x = E(f, a);
            f.Double(in x, out x);
            Check(f, ReferenceMath.Mod(2 * a, m), in x, "Double r=a", a, 0);

            // Mul2 with every output aliasing one of the inputs (the library relies on r = a, s = c).
            for (int pattern = 0; pattern < 6; pattern++)
            {
                FieldElement ea = E(f, a), eb = E(f, b), ec = E(f, c), ed = E(f, d);
                switch (pattern)
                {
                    case 0: f.Mul2(in ea, in eb, in ec, in ed, out ea, out ec); Check2(f, ab, cd, in ea, in ec, "r=a s=c"); break;
                    case 1: f.Mul2(in ea, in eb, in ec, in ed, out eb, out ed); Check2(f, ab, cd, in eb, in ed, "r=b s=d"); break;
                    case 2: f.Mul2(in ea, in eb, in ec, in ed, out ec, out ea); Check2(f, ab, cd, in ec, in ea, "r=c s=a"); break;
                    case 3: f.Mul2(in ea, in eb, in ec, in ed, out ed, out eb); Check2(f, ab, cd, in ed, in eb, "r=d s=b"); break;
                    case 4: f.Mul2(in ea, in eb, in ec, in ed, out ea, out eb); Check2(f, ab, cd, in ea, in eb, "r=a s=b"); break;
                    default: f.Mul2(in ea, in eb, in ec, in ed, out ed, out ec); Check2(f, ab, cd, in ed, in ec, "r=d s=c"); break;
                }
            }
            FieldElement sa = E(f, a), sc = E(f, c);
            f.Sqr2(in sa, in sc, out sa, out sc);
            Check2(f, ReferenceMath.Mod(a * a, m), ReferenceMath.Mod(c * c, m), in sa, in sc, "Sqr2 r=a s=c");
            sa = E(f, a); sc = E(f, c);
            f.Sqr2(in sa, in sc, out sc, out sa);
            Check2(f, ReferenceMath.Mod(a * a, m), ReferenceMath.Mod(c * c, m), in sc, in sa, "Sqr2 r=c s=a");
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void FieldAxiomsHold(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        Random rng = TestValues.Rng(level, which + 3);
        IReadOnlyList<BigInteger> edges = TestValues.EdgeValues(m);
        f.Zero(out FieldElement zero);
        for (int t = 0; t < 40; t++)
        {
            FieldElement a = E(f, t < edges.Count ? edges[t] : TestValues.RandomBelow(rng, m));
            FieldElement b = E(f, edges[(t * 13 + 7) % edges.Count]);
            FieldElement c = E(f, TestValues.RandomBelow(rng, m));
            f.Add(in a, in b, out FieldElement ab);
            f.Add(in b, in a, out FieldElement ba);
            Assert.True(f.Equal(in ab, in ba), "a + b != b + a");
            f.Mul(in a, in b, out FieldElement pab);
            f.Mul(in b, in a, out FieldElement pba);
            Assert.True(f.Equal(in pab, in pba), "ab != ba");
            f.Add(in ab, in c, out FieldElement abc1);
            f.Add(in b, in c, out FieldElement bc);
            f.Add(in a, in bc, out FieldElement abc2);
            Assert.True(f.Equal(in abc1, in abc2), "(a + b) + c != a + (b + c)");
            f.Mul(in pab, in c, out FieldElement pabc1);
            f.Mul(in b, in c, out FieldElement pbc);
            f.Mul(in a, in pbc, out FieldElement pabc2);
            Assert.True(f.Equal(in pabc1, in pabc2), "(ab)c != a(bc)");
            f.Mul(in a, in bc, out FieldElement left);
            f.Mul(in a, in c, out FieldElement pac);
            f.Add(in pab, in pac, out FieldElement right);
            Assert.True(f.Equal(in left, in right), "a(b + c) != ab + ac");
            f.Add(in a, in zero, out FieldElement a0);
            f.Mul(in a, in f.One, out FieldElement a1);
            f.Mul(in a, in zero, out FieldElement p0);
            Assert.True(f.Equal(in a, in a0) && f.Equal(in a, in a1) && f.IsZero(in p0), "identities");
            f.Neg(in a, out FieldElement na);
            f.Add(in a, in na, out FieldElement s0);
            Assert.True(f.IsZero(in s0), "a + (-a) != 0");
            f.Sub(in a, in b, out FieldElement d1);
            f.Neg(in b, out FieldElement nb);
            f.Add(in a, in nb, out FieldElement d2);
            Assert.True(f.Equal(in d1, in d2), "a - b != a + (-b)");
            f.Sqr(in a, out FieldElement sq);
            f.Mul(in a, in a, out FieldElement aa);
            Assert.True(f.Equal(in sq, in aa), "a^2 != a*a");
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void InversesMatchBigInteger(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        IReadOnlyList<BigInteger> values = TestValues.EdgeAndRandomValues(m, TestValues.Rng(level, which + 4), 8);
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger v = values[i];
            FieldElement e = E(f, v);
            f.InverseBlinded(in e, out FieldElement blinded);
            if (v.IsZero)
            {
                f.Inverse(in e, out FieldElement fermatOfZero);
                Assert.True(f.IsZero(in fermatOfZero), "Inverse(0) must be 0");
                Assert.True(f.IsZero(in blinded), "InverseBlinded(0) must be 0");
                continue;
            }
            // The inverse is checked by multiplying back in BigInteger: v * v^-1 = 1 mod m.
            BigInteger inverse = f.ToBigInteger(in blinded);
            Assert.True(ReferenceMath.Mod(v * inverse, m).IsOne, $"InverseBlinded({v}) = {inverse} is not an inverse");
            f.InverseVartime(in e, out FieldElement vartime);
            Check(f, inverse, in vartime, "InverseVartime", v, 0);
            if (i % 4 == 0)
            {
                // Fermat's a^(m-2) is a full exponentiation: a sample is enough.
                f.Inverse(in e, out FieldElement fermat);
                Check(f, inverse, in fermat, "Inverse", v, 0);
            }
            f.Mul(in e, in vartime, out FieldElement one);
            Assert.True(f.Equal(in one, in f.One), $"a * a^-1 != 1 for {v}");
            f.InverseVartime(in e, out e);
            Check(f, inverse, in e, "InverseVartime aliased", v, 0);
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void SquareRootsAndLegendreSymbolsMatchEulersCriterion(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        int squares = 0, nonSquares = 0;
        IReadOnlyList<BigInteger> edges = TestValues.EdgeValues(m);
        // Legendre and Sqrt are full exponentiations: every fourth edge value and some random ones.
        var values = edges.Where((_, i) => i % 4 == 0).ToList();
        Random rng = TestValues.Rng(level, which + 5);
        for (int i = 0; i < 8; i++)
        {
            values.Add(TestValues.RandomBelow(rng, m));
        }
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger v = values[i];
            FieldElement e = E(f, v);
            int expected = ReferenceMath.Jacobi(v, m);
            if (i % 8 == 0)
            {
                Assert.Equal(ReferenceMath.Legendre(v, m), expected); // Euler's criterion agrees
            }
            Assert.True(expected == f.Legendre(in e), $"Legendre({v})");
            if (m % 4 != 3)
            {
                continue;
            }
            bool isSquare = f.Sqrt(in e, out FieldElement root);
            Assert.True(isSquare == (expected >= 0), $"Sqrt says {isSquare} for {v} whose Legendre symbol is {expected}");
            if (isSquare)
            {
                squares++;
                BigInteger rt = f.ToBigInteger(in root);
                Assert.True(ReferenceMath.Mod(rt * rt, m) == v, $"sqrt({v})^2 != {v}");
            }
            else
            {
                nonSquares++;
                // -1 is not a square when m = 3 mod 4, so -v is one.
                f.Neg(in e, out FieldElement negated);
                Assert.True(f.Sqrt(in negated, out FieldElement negRoot), $"-{v} should be a square");
                BigInteger nr = f.ToBigInteger(in negRoot);
                Assert.True(ReferenceMath.Mod(nr * nr + v, m).IsZero, $"sqrt(-{v})^2 != -{v}");
            }
        }
        if (m % 4 == 3)
        {
            Assert.True(squares > 0 && nonSquares > 0, "both kinds should occur among the test values");
            f.FromBigInteger(-1, out FieldElement minusOne);
            Assert.Equal(-1, f.Legendre(in minusOne));
            Assert.False(f.Sqrt(in minusOne, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void PowMatchesModPow(int level, char which)
    {
        (PrimeField f, BigInteger m) = Field(level, which);
        Random rng = TestValues.Rng(level, which + 6);
        BigInteger[] exponents = [0, 1, 2, 15, 16, 17, m - 1, m - 2, (m + 1) / 4, TestValues.RandomBelow(rng, m * m)];
        foreach (BigInteger v in new[] { BigInteger.Zero, BigInteger.One, m - 1, TestValues.RandomBelow(rng, m) })
        {
            FieldElement e = E(f, v);
            foreach (BigInteger x in exponents)
            {
                ulong[] limbs = ToLimbs(x);
                f.Pow(in e, limbs, out FieldElement r);
                Check(f, BigInteger.ModPow(v, x, m), in r, "Pow", v, x);
            }
        }
    }

    private static (PrimeField Field, BigInteger Modulus) Field(int level, char which)
    {
        PairingParameters p = PairingParameters.ForSecurityLevel(level);
        BigInteger m = which == 'q' ? p.Q : p.R;
        return (new PrimeField(m), m);
    }

    private static FieldElement E(PrimeField f, BigInteger v)
    {
        f.FromBigInteger(v, out FieldElement e);
        return e;
    }

    private static void Check(PrimeField f, BigInteger expected, in FieldElement actual, string op, BigInteger a, BigInteger b)
    {
        BigInteger got = f.ToBigInteger(in actual);
        if (got != expected)
        {
            Assert.Fail($"{op} wrong for a = {a}, b = {b} mod {f.Modulus}: expected {expected}, got {got}");
        }
    }

    private static void Check2(PrimeField f, BigInteger expectedR, BigInteger expectedS, in FieldElement r, in FieldElement s, string what)
    {
        BigInteger gotR = f.ToBigInteger(in r);
        BigInteger gotS = f.ToBigInteger(in s);
        if (gotR != expectedR || gotS != expectedS)
        {
            Assert.Fail($"Mul2 with aliasing {what}: expected ({expectedR}, {expectedS}), got ({gotR}, {gotS})");
        }
    }

    private static ulong[] ToLimbs(BigInteger x)
    {
        byte[] bytes = x.ToByteArray(isUnsigned: true, isBigEndian: false);
        int limbs = Math.Max(1, (bytes.Length + 7) / 8);
        Array.Resize(ref bytes, limbs * 8);
        var result = new ulong[limbs];
        for (int i = 0; i < limbs; i++)
        {
            result[i] = BitConverter.ToUInt64(bytes, 8 * i);
        }
        return result;
    }
}
