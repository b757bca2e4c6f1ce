using System.Numerics;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Tests;

/// <summary>
/// The internal <see cref="Fq2"/> arithmetic is the field F_q[i]/(i^2 + 1): sums, products
/// (Karatsuba), squares, conjugates, norms, inverses and the norm-1 squaring equal BigInteger
/// arithmetic on pairs with i^2 = -1, the field axioms hold, and outputs may alias inputs.
/// </summary>
public sealed class Fq2Tests
{
    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ArithmeticMatchesPairsWithISquaredMinusOne(int level)
    {
        (PrimeField f, BigInteger q) = Field(level);
        IReadOnlyList<RefFq2> values = Values(q, TestValues.Rng(level, 10));
        foreach (RefFq2 a in values)
        {
            Fq2 ea = E(f, a);
            Fq2.Sqr(f, in ea, out Fq2 sq);
            Check(f, ReferenceMath.Mul(a, a, q), in sq, "Sqr", a, a);
            Fq2.Conjugate(f, in ea, out Fq2 conj);
            Check(f, ReferenceMath.Conjugate(a, q), in conj, "Conjugate", a, a);
            Fq2.Norm(f, in ea, out FieldElement norm);
            Assert.Equal(ReferenceMath.Norm(a, q), f.ToBigInteger(in norm));
            Fq2.Mul(f, in ea, in conj, out Fq2 timesConj);
            Check(f, new RefFq2(ReferenceMath.Norm(a, q), 0), in timesConj, "a*conj(a)", a, a);
            Assert.Equal(a == new RefFq2(1, 0), Fq2.IsOne(f, in ea));
            foreach (RefFq2 b in values)
            {
                Fq2 eb = E(f, b);
                Fq2.Mul(f, in ea, in eb, out Fq2 product);
                Check(f, ReferenceMath.Mul(a, b, q), in product, "Mul", a, b);
                Fq2.Add(f, in ea, in eb, out Fq2 sum);
                Check(f, ReferenceMath.Add(a, b, q), in sum, "Add", a, b);
                Fq2.Sub(f, in ea, in eb, out Fq2 difference);
                Check(f, ReferenceMath.Sub(a, b, q), in difference, "Sub", a, b);
                Assert.Equal(a == b, Fq2.Equal(f, in ea, in eb));
                Fq2.MulByFq(f, in ea, in eb.Re, out Fq2 scaled);
                Check(f, ReferenceMath.Mul(a, new RefFq2(b.Re, 0), q), in scaled, "MulByFq", a, b);
            }
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void FieldAxiomsHold(int level)
    {
        (PrimeField f, BigInteger q) = Field(level);
        IReadOnlyList<RefFq2> values = Values(q, TestValues.Rng(level, 11));
        Fq2.One(f, out Fq2 one);
        Fq2 zero = E(f, new RefFq2(0, 0));
        Fq2 i = E(f, new RefFq2(0, 1));
        Fq2.Sqr(f, in i, out Fq2 iSquared);
        Check(f, new RefFq2(q - 1, 0), in iSquared, "i^2", new RefFq2(0, 1), new RefFq2(0, 1));
        int n = values.Count;
        for (int t = 0; t < n; t++)
        {
            Fq2 a = E(f, values[t]);
            Fq2 b = E(f, values[(t * 5 + 1) % n]);
            Fq2 c = E(f, values[(t * 7 + 2) % n]);
            Fq2.Mul(f, in a, in b, out Fq2 ab);
            Fq2.Mul(f, in b, in a, out Fq2 ba);
            Assert.True(Fq2.Equal(f, in ab, in ba), "ab != ba");
            Fq2.Mul(f, in ab, in c, out Fq2 abc1);
            Fq2.Mul(f, in b, in c, out Fq2 bc);
            Fq2.Mul(f, in a, in bc, out Fq2 abc2);
            Assert.True(Fq2.Equal(f, in abc1, in abc2), "(ab)c != a(bc)");
            Fq2.Add(f, in b, in c, out Fq2 bPlusC);
            Fq2.Mul(f, in a, in bPlusC, out Fq2 left);
            Fq2.Mul(f, in a, in c, out Fq2 ac);
            Fq2.Add(f, in ab, in ac, out Fq2 right);
            Assert.True(Fq2.Equal(f, in left, in right), "a(b + c) != ab + ac");
            Fq2.Mul(f, in a, in one, out Fq2 a1);
            Fq2.Add(f, in a, in zero, out Fq2 a0);
            Assert.True(Fq2.Equal(f, in a, in a1) && Fq2.Equal(f, in a, in a0), "identities");
            Fq2.Sub(f, in a, in a, out Fq2 diff);
            Assert.True(Fq2.Equal(f, in diff, in zero), "a - a != 0");
            Fq2.Sqr(f, in a, out Fq2 sq);
            Fq2.Mul(f, in a, in a, out Fq2 aa);
            Assert.True(Fq2.Equal(f, in sq, in aa), "a^2 != a*a");
            if (values[t] != new RefFq2(0, 0))
            {
                Fq2.Inverse(f, in a, out Fq2 inverse);
                Check(f, ReferenceMath.Inverse(values[t], q), in inverse, "Inverse", values[t], values[t]);
                Fq2.Mul(f, in a, in inverse, out Fq2 shouldBeOne);
                Assert.True(Fq2.IsOne(f, in shouldBeOne), "a * a^-1 != 1");
            }
        }
        Fq2.Inverse(f, in zero, out Fq2 inverseOfZero);
        Assert.True(Fq2.Equal(f, in inverseOfZero, in zero), "1/0 is defined as 0");
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void NormOneSquaringEqualsSquaring(int level)
    {
        (PrimeField f, BigInteger q) = Field(level);
        Random rng = TestValues.Rng(level, 12);
        // Norm-1 elements: 1, -1, i, -i, and z^(q-1) = conj(z)/z for random z.
        var normOne = new List<RefFq2> { new(1, 0), new(q - 1, 0), new(0, 1), new(0, q - 1) };
        for (int k = 0; k < 12; k++)
        {
            var z = new RefFq2(TestValues.RandomBelow(rng, q), TestValues.RandomNonZeroBelow(rng, q));
            normOne.Add(ReferenceMath.Mul(ReferenceMath.Conjugate(z, q), ReferenceMath.Inverse(z, q), q));
        }
        foreach (RefFq2 g in normOne)
        {
            Assert.Equal(BigInteger.One, ReferenceMath.Norm(g, q));
            Fq2 e = E(f, g);
            Fq2.SqrNormOne(f, in e, out Fq2 square);
            Check(f, ReferenceMath.Mul(g, g, q), in square, "SqrNormOne", g, g);
            Fq2.SqrNormOne(f, in e, out e);
            Check(f, ReferenceMath.Mul(g, g, q), in e, "SqrNormOne aliased", g, g);
            // For norm 1 the conjugate is the inverse.
            Fq2 original = E(f, g);
            Fq2.Conjugate(f, in original, out Fq2 conj);
            Fq2.Inverse(f, in original, out Fq2 inverse);
            Assert.True(Fq2.Equal(f, in conj, in inverse), "conj != inverse for a norm-1 element");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void OutputsMayAliasInputs(int level)
    {
        (PrimeField f, BigInteger q) = Field(level);
        Random rng = TestValues.Rng(level, 13);
        for (int t = 0; t < 10; t++)
        {
            RefFq2 a = t == 0 ? new RefFq2(q - 1, q - 1) : RandomElement(rng, q);
            RefFq2 b = t == 0 ? new RefFq2(q - 2, 1) : RandomElement(rng, q);
            RefFq2 product = ReferenceMath.Mul(a, b, q);
            Fq2 x = E(f, a), y = E(f, b);
            Fq2.Mul(f, in x, in y, out x);
            Check(f, product, in x, "Mul r=a", a, b);
            x = E(f, a);
            Fq2.Mul(f, in x, in y, out y);
            Check(f, product, in y, "Mul r=b", a, b);
            x = E(f, a);
            Fq2.Mul(f, in x, in x, out x);
            Check(f, ReferenceMath.Mul(a, a, q), in x, "Mul r=a=b", a, a);
            x = E(f, a);
            Fq2.Sqr(f, in x, out x);
            Check(f, ReferenceMath.Mul(a, a, q), in x, "Sqr r=a", a, a);
            x = E(f, a); y = E(f, b);
            Fq2.Add(f, in x, in y, out y);
            Check(f, ReferenceMath.Add(a, b, q), in y, "Add r=b", a, b);
            x = E(f, a); y = E(f, b);
            Fq2.Sub(f, in x, in y, out y);
            Check(f, ReferenceMath.Sub(a, b, q), in y, "Sub r=b", a, b);
            x = E(f, a);
            Fq2.Conjugate(f, in x, out x);
            Check(f, ReferenceMath.Conjugate(a, q), in x, "Conjugate r=a", a, a);
            x = E(f, a);
            Fq2.Inverse(f, in x, out x);
            Check(f, ReferenceMath.Inverse(a, q), in x, "Inverse r=a", a, a);
            x = E(f, a);
            Fq2.MulByFq(f, in x, in x.Im, out x);
            Check(f, ReferenceMath.Mul(a, new RefFq2(a.Im, 0), q), in x, "MulByFq r=a", a, a);
        }
    }

    private static (PrimeField Field, BigInteger Q) Field(int level)
    {
        BigInteger q = PairingParameters.ForSecurityLevel(level).Q;
        return (new PrimeField(q), q);
    }

    private static RefFq2 RandomElement(Random rng, BigInteger q) => new(TestValues.RandomBelow(rng, q), TestValues.RandomBelow(rng, q));

    /// <summary>Pairs of edge values of F_q (0, 1, q-1, q-2, large powers of two, ...) and random pairs.</summary>
    private static IReadOnlyList<RefFq2> Values(BigInteger q, Random rng)
    {
        int bits = (int)q.GetBitLength();
        BigInteger[] edges = [0, 1, 2, q - 1, q - 2, (q - 1) / 2, (BigInteger.One << (bits - 1)) - 1, BigInteger.One << (bits - 1), BigInteger.One << 64];
        var values = new List<RefFq2>();
        for (int i = 0; i < edges.Length; i++)
        {
            values.Add(new RefFq2(edges[i], edges[(i + 3) % edges.Length]));
            values.Add(new RefFq2(edges[i], edges[i]));
            values.Add(new RefFq2(edges[i], 0));
            values.Add(new RefFq2(0, edges[i]));
        }
        for (int i = 0; i < 8; i++)
        {
            values.Add(RandomElement(rng, q));
        }
        return values.Distinct().ToList();
    }

    private static Fq2 E(PrimeField f, RefFq2 v)
    {
        Fq2 r = default;
        f.FromBigInteger(v.Re, out r.Re);
        f.FromBigInteger(v.Im, out r.Im);
        return r;
    }

    private static void Check(PrimeField f, RefFq2 expected, in Fq2 actual, string op, RefFq2 a, RefFq2 b)
    {
        var got = new RefFq2(f.ToBigInteger(in actual.Re), f.ToBigInteger(in actual.Im));
        if (got != expected)
        {
            Assert.Fail($"{op} wrong for a = {a}, b = {b}: expected {expected}, got {got}");
        }
    }
}
