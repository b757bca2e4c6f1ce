using System.Numerics;

namespace MedChain.Crypto.Tests;

/// <summary>
/// F_q and F_q2 arithmetic seen through the public API: point coordinates obey the textbook
/// chord-and-tangent law and scalar multiplication computed with BigInteger, decompression takes
/// the square root of x^3 + x with the requested parity, and GT products, quotients, inverses and
/// powers equal BigInteger arithmetic in F_q[i]/(i^2 + 1).
/// </summary>
public sealed class FieldLawsThroughPublicApiTests
{
    private static readonly byte[] s_domain = "MedChain-Test-Fields"u8.ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1CoordinatesFollowTheChordAndTangentLaw(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point r = group.HashToG1("R"u8, s_domain);
        RefPoint rp = ReferenceMath.Point(p), rr = ReferenceMath.Point(r);
        Assert.True(ReferenceMath.IsOnCurve(rp, q) && ReferenceMath.IsOnCurve(rr, q));
        Assert.Equal(ReferenceMath.Add(rp, rr, q), ReferenceMath.Point(p + r));
        Assert.Equal(ReferenceMath.Add(rp, rp, q), ReferenceMath.Point(p + p));
        Assert.Equal(ReferenceMath.Add(rp, ReferenceMath.Negate(rr, q), q), ReferenceMath.Point(p - r));
        Assert.Equal(ReferenceMath.Negate(rp, q), ReferenceMath.Point(-p));
        Assert.Equal(RefPoint.Infinity, ReferenceMath.Point(p - p));
        RefPoint threeP = ReferenceMath.Add(ReferenceMath.Add(rp, rp, q), rp, q);
        Assert.Equal(threeP, ReferenceMath.Point(p.MultiplyPublic(3)));
        Assert.Equal(threeP, ReferenceMath.Multiply(rp, 3, q));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ScalarMultiplicationMatchesBigIntegerDoubleAndAdd(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        BigInteger r = group.Parameters.R;
        G1Point p = group.HashToG1("mul"u8, s_domain);
        RefPoint rp = ReferenceMath.Point(p);
        Random rng = TestValues.Rng(level, 20);
        foreach (BigInteger k in new[] { r - 1, (r - 1) / 2, TestValues.RandomBelow(rng, r), TestValues.RandomBelow(rng, r) })
        {
            RefPoint expected = ReferenceMath.Multiply(rp, k, q);
            Assert.True(ReferenceMath.IsOnCurve(expected, q));
            Assert.True(expected == ReferenceMath.Point(p.Multiply(group.CreateScalar(k))), $"Multiply, k = {k}");
            Assert.True(expected == ReferenceMath.Point(p.MultiplyPublic(k)), $"MultiplyPublic, k = {k}");
        }
        Assert.Equal(RefPoint.Infinity, ReferenceMath.Multiply(rp, r, q));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void DecompressionTakesTheRootOfTheRequestedParity(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = (group.G1CompressedLength - 1);
        for (int i = 0; i < 2; i++)
        {
            G1Point p = group.HashToG1(BitConverter.GetBytes(i), s_domain);
            BigInteger rhs = ReferenceMath.Mod(p.X * p.X * p.X + p.X, q);
            BigInteger root = BigInteger.ModPow(rhs, (q + 1) / 4, q);
            Assert.Equal(rhs, ReferenceMath.Mod(root * root, q));
            BigInteger even = root.IsEven ? root : q - root;
            BigInteger odd = q - even;
            byte[] x = ReferenceMath.ToBytes(p.X, n);
            G1Point fromEven = group.DecodeG1([0x02, .. x]);
            G1Point fromOdd = group.DecodeG1([0x03, .. x]);
            Assert.Equal(p.X, fromEven.X);
            Assert.Equal(even, fromEven.Y);
            Assert.Equal(odd, fromOdd.Y);
            Assert.Equal(fromEven, -fromOdd);
            Assert.Equal(p, p.Y.IsEven ? fromEven : fromOdd);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void GtArithmeticIsFq2Arithmetic(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        BigInteger r = group.Parameters.R;
        Random rng = TestValues.Rng(level, 21);
        GtElement g = group.Pair(group.HashToG1("g1"u8, s_domain), group.HashToG1("g2"u8, s_domain));
        RefFq2 rg = ReferenceMath.Value(g);
        Assert.Equal(BigInteger.One, ReferenceMath.Norm(rg, q));
        Assert.Equal(new RefFq2(1, 0), ReferenceMath.Pow(rg, r, q));

        foreach (BigInteger k in new[] { 0, 1, 2, 3, r - 1, r - 2, (r + 1) / 2, TestValues.RandomBelow(rng, r), TestValues.RandomBelow(rng, r) })
        {
            GtElement gk = g.Pow(group.CreateScalar(k));
            RefFq2 expected = ReferenceMath.Pow(rg, k, q);
            Assert.True(expected == ReferenceMath.Value(gk), $"g^k differs from BigInteger for k = {k}");

            RefFq2 rk = ReferenceMath.Value(gk);
            Assert.Equal(ReferenceMath.Mul(rg, rk, q), ReferenceMath.Value(g * gk));
            Assert.Equal(ReferenceMath.Mul(rg, ReferenceMath.Inverse(rk, q), q), ReferenceMath.Value(g / gk));
            Assert.Equal(ReferenceMath.Inverse(rk, q), ReferenceMath.Value(gk.Invert()));
            Assert.Equal(ReferenceMath.Conjugate(rk, q), ReferenceMath.Value(gk.Invert()));
            Assert.Equal(k.IsZero, gk.IsOne);
        }
        Assert.Equal(new RefFq2(1, 0), ReferenceMath.Value(group.GtOne));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void GtEncodingIsRealThenImaginaryPart(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = group.GtLength / 2;
        Assert.Equal((int)((q.GetBitLength() + 7) / 8), n);
        GtElement g = group.Pair(group.HashToG1("e1"u8, s_domain), group.HashToG1("e2"u8, s_domain));
        Assert.Equal(ReferenceMath.EncodeFq2(ReferenceMath.Value(g), n), g.Encode());
        Assert.Equal(ReferenceMath.EncodeFq2(new RefFq2(1, 0), n), group.GtOne.Encode());
        // An element built by reference arithmetic alone decodes to what the library computes.
        RefFq2 cube = ReferenceMath.Pow(ReferenceMath.Value(g), 3, q);
        GtElement decoded = group.DecodeGt(ReferenceMath.EncodeFq2(cube, n));
        Assert.Equal(g * g * g, decoded);
    }
}
