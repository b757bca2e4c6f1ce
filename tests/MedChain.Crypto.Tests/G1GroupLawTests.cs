using System.Numerics;

namespace MedChain.Crypto.Tests;

/// <summary>
/// G1 is a cyclic group of prime order r: the identity, inverses, commutativity and
/// associativity hold, [r]P = O, and every way of multiplying by a scalar (constant-time,
/// public, fixed-base, multi-scalar) agrees with the others and with [a]([b]P) = [ab]P and
/// [a]P + [b]P = [a+b]P. Hashing lands in G1, is deterministic, and is domain-separated.
/// </summary>
public sealed class G1GroupLawTests
{
    private static readonly byte[] s_domain = "MedChain-Test-G1"u8.ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void IdentityAndInversesBehave(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point o = group.Identity;
        G1Point p = group.HashToG1("P"u8, s_domain);
        Assert.True(o.IsIdentity);
        Assert.False(p.IsIdentity);
        Assert.Equal(BigInteger.Zero, o.X);
        Assert.Equal(BigInteger.Zero, o.Y);
        Assert.Equal(p, p + o);
        Assert.Equal(p, o + p);
        Assert.Equal(o, o + o);
        Assert.Equal(o, -o);
        Assert.Equal(o, o - o);
        Assert.Equal(o, p + (-p));
        Assert.Equal(o, -p + p);
        Assert.Equal(o, p - p);
        Assert.Equal(p, -(-p));
        Assert.Equal(-p, o - p);
        Assert.Equal(p.X, (-p).X);
        Assert.Equal(ReferenceMath.Mod(-p.Y, group.Parameters.Q), (-p).Y);
        Assert.NotEqual(p, -p);
        Assert.True(o.Equals(group.Identity));
        Assert.False(p.Equals(o));
        Assert.False(o.Equals(p));
        Assert.Equal(o, o.Multiply(group.RandomScalar()));
        Assert.Equal(o, o.MultiplyPublic(12345));
        Assert.Equal(o, o.MultiplyPublic(group.Parameters.R - 1));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void AdditionIsCommutativeAndAssociative(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("P"u8, s_domain);
        G1Point q = group.HashToG1("Q"u8, s_domain);
        G1Point r = group.RandomG1();
        G1Point twoP = p + p;
        Assert.Equal(p + q, q + p);
        Assert.Equal((p + q) + r, p + (q + r));
        Assert.Equal((p + q) + (-q), p);
        Assert.Equal(p - q, p + (-q));
        Assert.Equal(-(p + q), (-p) + (-q));
        // Sums that run into the exceptional cases of the formulas: doubling and cancellation.
        Assert.Equal(twoP, p.MultiplyPublic(2));
        Assert.Equal(twoP, p.Multiply(group.CreateScalar(2)));
        Assert.Equal(p.MultiplyPublic(3), twoP + p);
        Assert.Equal(p.MultiplyPublic(3), p + twoP);
        Assert.Equal(p, twoP - p);
        Assert.Equal(p.MultiplyPublic(4), twoP + twoP);
        Assert.Equal((p + q) + (p + q), (p + p) + (q + q));
        Assert.Equal(group.Identity, (p + q) - q - p);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void EveryPointHasOrderR(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        G1Point p = group.HashToG1("order"u8, s_domain);
        G1Point q = group.RandomG1();
        foreach (G1Point x in new[] { p, p + q })
        {
            Assert.True(x.MultiplyPublic(r).IsIdentity);
            Assert.Equal(-x, x.MultiplyPublic(r - 1));
            Assert.Equal(x, x.MultiplyPublic(r + 1));
            Assert.Equal(x.MultiplyPublic(7), x.MultiplyPublic(3 * r + 7));
            Assert.True(x.MultiplyPublic(r * group.Parameters.H).IsIdentity);
        }
        Assert.True(p.MultiplyPublic(0).IsIdentity);
        Assert.Equal(p, p.MultiplyPublic(1));
        Assert.False(p.MultiplyPublic(group.Parameters.H).IsIdentity); // h is not a multiple of r
        Assert.Throws<ArgumentOutOfRangeException>(() => p.MultiplyPublic(-1));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void SmallMultiplesAreRepeatedAdditions(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("small"u8, s_domain);
        G1Point sum = group.Identity;
        for (int k = 0; k <= 33; k++)
        {
            Assert.True(sum.Equals(p.MultiplyPublic(k)), $"MultiplyPublic({k})");
            if (k <= 17 || k >= 31)
            {
                Assert.True(sum.Equals(p.Multiply(group.CreateScalar(k))), $"Multiply({k})");
            }
            if (k <= 3 || k == 33)
            {
                Assert.True((-sum).Equals(p.Multiply(group.CreateScalar(-k))), $"Multiply(-{k})");
            }
            sum += p;
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ScalarMultiplicationIsCompatibleWithScalarArithmetic(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point p = group.HashToG1("compat"u8, s_domain);
        for (int i = 0; i < 2; i++)
        {
            Scalar a = group.RandomScalar();
            Scalar b = group.RandomScalar();
            Assert.Equal((a * b) * p, a * (b * p));
            Assert.Equal((a * b) * p, b * (a * p));
            Assert.Equal((a + b) * p, (a * p) + (b * p));
            Assert.Equal((a - b) * p, (a * p) - (b * p));
            Assert.Equal((-a) * p, -(a * p));
            Assert.Equal(a * (p + p), (a + a) * p);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ConstantTimeMultiplyMatchesPublicMultiply(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        G1Point p = group.HashToG1("ct"u8, s_domain);
        foreach (BigInteger k in EdgeScalars(r).Concat(RandomScalars(r, level, 4)))
        {
            G1Point expected = p.MultiplyPublic(k);
            Assert.True(expected.Equals(p.Multiply(group.CreateScalar(k))), $"Multiply differs from MultiplyPublic for k = {k}");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void FixedBaseMultiplyMatchesMultiply(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        G1Point p = group.HashToG1("fixed"u8, s_domain);
        G1FixedBase table = group.CreateFixedBase(p);
        Assert.Equal(p, table.Base);
        foreach (BigInteger k in EdgeScalars(r).Concat(RandomScalars(r, level, 4)))
        {
            Scalar s = group.CreateScalar(k);
            Assert.True(p.Multiply(s).Equals(table.Multiply(s)), $"fixed base differs for k = {k}");
        }
        Scalar random = group.RandomScalar();
        Assert.Equal(random * p, table.Multiply(random));
        G1FixedBase identityTable = group.CreateFixedBase(group.Identity);
        Assert.True(identityTable.Multiply(random).IsIdentity);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void MultiplySumEqualsTheSumOfProducts(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        G1Point p1 = group.HashToG1("ms1"u8, s_domain);
        G1Point p2 = group.HashToG1("ms2"u8, s_domain);
        G1Point p3 = group.RandomG1();
        Scalar a = group.RandomScalar();
        Scalar b = group.RandomScalar();
        Scalar c = group.CreateScalar(r - 1);
        Scalar zero = group.CreateScalar(0);

        G1Point[] points = [p1, p2, group.Identity, p3, p1];
        Scalar[] scalars = [a, zero, b, c, group.CreateScalar(2)];
        G1Point expected = group.Identity;
        for (int i = 0; i < points.Length; i++)
        {
            expected += points[i].Multiply(scalars[i]);
        }
        Assert.Equal(expected, group.MultiplySum(points, scalars));
        Assert.Equal(((a + group.CreateScalar(2)) * p1) + (c * p3), expected);

        // Terms that coincide or cancel during the shared accumulation.
        Assert.Equal((a + b) * p1, group.MultiplySum([p1, p1], [a, b]));
        Assert.Equal(group.Identity, group.MultiplySum([p1, p1], [a, -a]));
        Assert.Equal(group.Identity, group.MultiplySum([p1, -p1], [a, a]));
        Assert.Equal(p1 + p2, group.MultiplySum([p1, p2], [group.CreateScalar(1), group.CreateScalar(1)]));
        Assert.Equal(a * p2, group.MultiplySum([p2], [a]));
        Assert.Equal(group.Identity, group.MultiplySum([p2], [zero]));
        Assert.Equal(group.Identity, group.MultiplySum([group.Identity], [a]));
        Assert.Equal(group.Identity, group.MultiplySum([], []));
        Assert.Throws<ArgumentException>(() => group.MultiplySum([p1, p2], [a]));

        foreach (BigInteger k in new[] { BigInteger.Zero, BigInteger.One, r - 1, r - 2, (r - 1) / 2 })
        {
            Scalar s = group.CreateScalar(k);
            Assert.True(p1.MultiplyPublic(k).Add(p2.MultiplyPublic(k)).Equals(group.MultiplySum([p1, p2], [s, s])), $"k = {k}");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void HashToG1LandsInG1(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        byte[] longMessage = new byte[1000];
        TestValues.Rng(level, 5).NextBytes(longMessage);
        foreach (byte[] message in new byte[][] { [], "abc"u8.ToArray(), longMessage })
        {
            G1Point h = group.HashToG1(message, s_domain);
            Assert.False(h.IsIdentity);
            Assert.True(h.X >= 0 && h.X < q && h.Y >= 0 && h.Y < q);
            Assert.Equal(ReferenceMath.Mod(h.Y * h.Y, q), ReferenceMath.Mod(h.X * h.X * h.X + h.X, q));
            Assert.True(h.MultiplyPublic(group.Parameters.R).IsIdentity);
            Assert.Equal(h, group.CreatePoint(h.X, h.Y));
            Assert.Equal(h, group.HashToG1(message, s_domain));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void HashToG1IsDomainSeparatedAndSpreadsOut(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point h = group.HashToG1("message"u8, s_domain);
        Assert.NotEqual(h, group.HashToG1("message"u8, "MedChain-Test-G2"u8));
        Assert.NotEqual(h, group.HashToG1("message"u8, "MedChain-Test-G1 "u8));
        G1Point other = group.HashToG1("messagf"u8, s_domain);
        Assert.NotEqual(h, other);
        Assert.NotEqual(h, -other);
        Assert.NotEqual(h, group.HashToG1("message\0"u8, s_domain));

        var xs = new HashSet<BigInteger> { h.X };
        for (int i = 0; i < 2; i++)
        {
            Assert.True(xs.Add(group.HashToG1(BitConverter.GetBytes(i), s_domain).X), $"two messages hashed to the same x ({i})");
        }

        byte[] longest = new byte[255];
        Array.Fill(longest, (byte)'g');
        Assert.False(group.HashToG1("m"u8, longest).IsIdentity);
        Assert.Throws<ArgumentException>(() => group.HashToG1("m"u8, []));
        Assert.Throws<ArgumentException>(() => group.HashToG1("m"u8, new byte[256]));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void RandomPointsAreDistinctElementsOfG1(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        G1Point a = group.RandomG1();
        G1Point b = group.RandomG1();
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, -b);
        foreach (G1Point p in new[] { a, b })
        {
            Assert.False(p.IsIdentity);
            Assert.True(p.MultiplyPublic(group.Parameters.R).IsIdentity);
            Assert.Equal(p, group.CreatePoint(p.X, p.Y));
        }
        Assert.NotEqual(group.RandomScalar(), group.RandomScalar());
    }

    [Fact]
    public void PointsOfDifferentGroupsDoNotMix()
    {
        G1Point a = PairingGroup.Level80.HashToG1("x"u8, s_domain);
        G1Point b = PairingGroup.Level112.HashToG1("x"u8, s_domain);
        Assert.False(a.Equals(b));
        Assert.Throws<ArgumentException>(() => a + b);
        Assert.Throws<ArgumentException>(() => PairingGroup.Level80.Pair(a, b));
    }

    /// <summary>
    /// Scalars that stress the recodings: 0, 1, 2, small values, r - small, values around window
    /// boundaries (widths 5 and 6), and values with long runs of ones or zeros.
    /// </summary>
    internal static IReadOnlyList<BigInteger> EdgeScalars(BigInteger r)
    {
        int bits = (int)r.GetBitLength();
        var values = new List<BigInteger>
        {
            0, 1, 2, 3, 4, 5, 7, 15, 16, 17, 31, 32, 33, 63,
            r - 1, r - 2, r - 3, r - 31, r - 32, r - 33,
            (r - 1) / 2, (r + 1) / 2,
        };
        foreach (int k in new[] { 5, 6, 64, bits - 6, bits - 1 })
        {
            BigInteger p = BigInteger.One << k;
            values.Add(p - 1);
            values.Add(p);
            values.Add(p + 1);
            values.Add(r - p);
        }
        values.Add(((BigInteger.One << (bits - 1)) - 1) ^ ((BigInteger.One << (bits / 2)) - 1)); // ones, then zeros
        values.Add((BigInteger.One << (bits / 2)) - 1 + (BigInteger.One << (bits - 2)));          // a lone top bit, then ones
        values.Add(Pattern(0x55, bits - 1));
        values.Add(Pattern(0xAA, bits - 1));
        values.Add(Pattern(0x1F, bits - 1));
        values.Add(Pattern(0xE0, bits - 1));
        return values.Select(v => ReferenceMath.Mod(v, r)).Distinct().ToList();
    }

    private static IEnumerable<BigInteger> RandomScalars(BigInteger r, int level, int count)
    {
        Random rng = TestValues.Rng(level, 6);
        for (int i = 0; i < count; i++)
        {
            yield return TestValues.RandomBelow(rng, r);
        }
    }

    private static BigInteger Pattern(byte b, int bits)
    {
        byte[] bytes = new byte[(bits + 7) / 8];
        Array.Fill(bytes, b);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) & ((BigInteger.One << bits) - 1);
    }
}
