using System.Numerics;

namespace MedChain.Crypto.Tests;

/// <summary>
/// e: G1 x G1 -> GT is a symmetric, non-degenerate bilinear map into the order-r subgroup of
/// F_q2*: e(aP, bQ) = e(P,Q)^(ab), e(P+R, Q) = e(P,Q)e(R,Q), e(P,Q) = e(Q,P), e(P,Q) != 1 for
/// non-identity P, Q, and every result has order r. The shortcuts (PairProduct, Prepare, fixed-base
/// powers) agree with the plain pairing, and GT exponentiation obeys the power laws.
/// </summary>
public sealed class PairingLawTests
{
    private static readonly byte[] s_domain = "MedChain-Test-Pairing"u8.ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PairingIsBilinear(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point q = group.HashToG1("Q"u8, s_domain);
        Scalar a = group.RandomNonZeroScalar();
        Scalar b = group.RandomNonZeroScalar();
        GtElement e = group.Pair(p, q);
        GtElement eab = group.Pair(a * p, b * q);
        Assert.Equal(e.Pow(a * b), eab);
        Assert.Equal(e.Pow(a).Pow(b), eab);
        Assert.Equal(e.Pow(a), group.Pair(a * p, q));
        Assert.Equal(e.Pow(b), group.Pair(p, b * q));
        Assert.Equal(e.Invert(), group.Pair(p, -q));
        Assert.Equal(e.Invert(), group.Pair(-p, q));
        Assert.Equal(e * e, group.Pair(p + p, q));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PairingIsAdditiveInEachArgument(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point q = group.HashToG1("Q"u8, s_domain);
        G1Point r = group.RandomG1();
        GtElement epq = group.Pair(p, q);
        GtElement erq = group.Pair(r, q);
        Assert.Equal(epq * erq, group.Pair(p + r, q));
        Assert.Equal(epq * group.Pair(p, r), group.Pair(p, q + r));
        Assert.Equal(epq / erq, group.Pair(p - r, q));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PairingIsSymmetricAndNonDegenerate(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point q = group.RandomG1();
        GtElement epq = group.Pair(p, q);
        Assert.Equal(epq, group.Pair(q, p));
        Assert.False(epq.IsOne);
        Assert.NotEqual(group.GtOne, epq);
        GtElement epp = group.Pair(p, p);
        Assert.False(epp.IsOne, "e(P, P) = 1: the distortion map is missing");
        Assert.True(group.Pair(group.Identity, q).IsOne);
        Assert.True(group.Pair(p, group.Identity).IsOne);
        Assert.True(group.Pair(group.Identity, group.Identity).IsOne);
        Assert.Equal(group.GtOne, group.Pair(group.Identity, q));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PairingValuesLieInGt(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger fq = group.Parameters.Q;
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point q = group.HashToG1("Q"u8, s_domain);
        foreach (GtElement e in new[] { group.Pair(p, q), group.Pair(p, p), group.PairProduct([p, q], [q, q]) })
        {
            RefFq2 v = ReferenceMath.Value(e);
            Assert.Equal(BigInteger.One, ReferenceMath.Norm(v, fq));
            Assert.Equal(new RefFq2(1, 0), ReferenceMath.Pow(v, group.Parameters.R, fq));
            Assert.Equal(e, group.DecodeGt(e.Encode()));
            Assert.Equal(e, group.DecodeGt(e.Encode(), allowIdentity: false));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PairProductIsTheProductOfPairings(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point a = group.HashToG1("A"u8, s_domain);
        G1Point b = group.HashToG1("B"u8, s_domain);
        G1Point c = group.RandomG1();
        G1Point d = group.RandomG1();
        GtElement eab = group.Pair(a, b);
        GtElement ecd = group.Pair(c, d);
        GtElement eca = group.Pair(c, a);
        Assert.Equal(eab * ecd * eca, group.PairProduct([a, c, c], [b, d, a]));
        Assert.Equal(eab / ecd, group.PairProduct([a, -c], [b, d]));
        Assert.Equal(eab, group.PairProduct([a], [b]));
        Assert.Equal(eab, group.PairProduct([a, group.Identity, c], [b, c, group.Identity]));
        Assert.True(group.PairProduct([a, -a], [b, b]).IsOne);
        Assert.True(group.PairProduct([], []).IsOne);
        Assert.Throws<ArgumentException>(() => group.PairProduct([a, b], [c]));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void PreparedPairingEqualsPairing(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("P"u8, s_domain);
        PreparedG1 prepared = group.Prepare(p);
        foreach (G1Point q in new[] { group.HashToG1("Q"u8, s_domain), p })
        {
            Assert.Equal(group.Pair(p, q), prepared.Pair(q));
        }
        Assert.True(prepared.Pair(group.Identity).IsOne);
        G1Point r = group.RandomG1();
        Assert.True(group.Prepare(group.Identity).Pair(r).IsOne);
        Assert.Equal(group.Pair(-p, r), group.Prepare(-p).Pair(r));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void GtPowersObeyThePowerLaws(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        GtElement g = group.Pair(group.HashToG1("g"u8, s_domain), group.HashToG1("h"u8, s_domain));
        Scalar zero = group.CreateScalar(0);
        Scalar one = group.CreateScalar(1);
        Assert.True(g.Pow(zero).IsOne);
        Assert.Equal(g, g.Pow(one));
        Assert.Equal(g * g, g.Pow(group.CreateScalar(2)));
        Assert.Equal(g.Invert(), g.Pow(-one));
        Assert.Equal(g.Invert(), g.Pow(group.CreateScalar(r - 1)));
        Assert.True((g * g.Invert()).IsOne);
        Assert.True((g / g).IsOne);
        Assert.Equal(g, g.Invert().Invert());
        Assert.True(group.GtOne.Pow(group.RandomScalar()).IsOne);
        for (int i = 0; i < 3; i++)
        {
            Scalar a = group.RandomScalar();
            Scalar b = group.RandomScalar();
            Assert.Equal(g.Pow(a + b), g.Pow(a) * g.Pow(b));
            Assert.Equal(g.Pow(a - b), g.Pow(a) / g.Pow(b));
            Assert.Equal(g.Pow(a * b), g.Pow(a).Pow(b));
            Assert.Equal(g.Pow(-a), g.Pow(a).Invert());
            Assert.Equal(g.Pow(a) * g, g * g.Pow(a));
        }
        GtElement h = g.Pow(group.RandomScalar());
        GtElement k = g.Pow(group.RandomScalar());
        Assert.Equal((g * h) * k, g * (h * k));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void FixedBasePowEqualsPow(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        GtElement g = group.Pair(group.HashToG1("fb1"u8, s_domain), group.HashToG1("fb2"u8, s_domain));
        GtFixedBase table = group.CreateFixedBase(g);
        Random rng = TestValues.Rng(level, 30);
        IEnumerable<BigInteger> exponents = G1GroupLawTests.EdgeScalars(r)
            .Concat(Enumerable.Range(0, 4).Select(_ => TestValues.RandomBelow(rng, r)));
        foreach (BigInteger k in exponents)
        {
            Scalar s = group.CreateScalar(k);
            Assert.True(g.Pow(s).Equals(table.Pow(s)), $"fixed-base power differs for k = {k}");
        }
        Assert.True(group.CreateFixedBase(group.GtOne).Pow(group.RandomScalar()).IsOne);
    }
}
