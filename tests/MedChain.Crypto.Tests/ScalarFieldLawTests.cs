using System.Numerics;
using System.Reflection;
using MedChain.Crypto.Encoding;

namespace MedChain.Crypto.Tests;

/// <summary>
/// Z_r is a field: <see cref="Scalar"/> addition and multiplication are commutative, associative
/// and distributive, every element has an additive and every non-zero element a multiplicative
/// inverse, and every result equals BigInteger arithmetic mod r. Also: the encoding round-trips,
/// HashToScalar is deterministic and domain-separated, and Dispose wipes the value.
/// </summary>
public sealed class ScalarFieldLawTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ArithmeticMatchesBigIntegerModR(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        IReadOnlyList<BigInteger> values = TestValues.EdgeAndRandomValues(r, TestValues.Rng(level), 8);
        var scalars = values.Select(group.CreateScalar).ToArray();
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger a = values[i];
            Scalar sa = scalars[i];
            Assert.Equal(a, sa.ToBigInteger());
            Assert.Equal(ReferenceMath.Mod(-a, r), sa.Negate().ToBigInteger());
            Assert.Equal(ReferenceMath.Mod(-a, r), (-sa).ToBigInteger());
            Assert.Equal(a.IsZero, sa.IsZero);
            for (int j = 0; j < values.Count; j++)
            {
                BigInteger b = values[j];
                Scalar sb = scalars[j];
                string what = $"a = {a}, b = {b}";
                Assert.True(ReferenceMath.Mod(a + b, r) == (sa + sb).ToBigInteger(), $"a + b: {what}");
                Assert.True(ReferenceMath.Mod(a - b, r) == (sa - sb).ToBigInteger(), $"a - b: {what}");
                Assert.True(ReferenceMath.Mod(a * b, r) == (sa * sb).ToBigInteger(), $"a * b: {what}");
                Assert.True(ReferenceMath.Mod(a * b, r) == sa.Multiply(sb).ToBigInteger(), $"Multiply: {what}");
                Assert.True((a == b) == sa.Equals(sb), $"Equals: {what}");
            }
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void CreateScalarReducesModR(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        Random rng = TestValues.Rng(level, 1);
        BigInteger[] inputs = [r, r + 1, 2 * r - 1, r * r + 5, -1, -r, -r - 7, BigInteger.One << 2000, TestValues.RandomBelow(rng, r * r * r)];
        foreach (BigInteger v in inputs)
        {
            Scalar s = group.CreateScalar(v);
            Assert.Equal(ReferenceMath.Mod(v, r), s.ToBigInteger());
            Assert.Equal(group.CreateScalar(ReferenceMath.Mod(v, r)), s);
        }
        Assert.True(group.CreateScalar(r).IsZero);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void RingAxiomsHold(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        Random rng = TestValues.Rng(level, 2);
        BigInteger r = group.Parameters.R;
        Scalar zero = group.CreateScalar(0);
        Scalar one = group.CreateScalar(1);
        var pool = TestValues.EdgeValues(r).Take(12).Select(group.CreateScalar)
            .Concat(Enumerable.Range(0, 6).Select(_ => group.RandomScalar()))
            .Concat([group.CreateScalar(TestValues.RandomBelow(rng, r))])
            .ToArray();
        for (int i = 0; i < pool.Length; i++)
        {
            Scalar a = pool[i];
            Scalar b = pool[(i * 7 + 3) % pool.Length];
            Scalar c = pool[(i * 5 + 11) % pool.Length];
            Assert.Equal(a + b, b + a);
            Assert.Equal(a * b, b * a);
            Assert.Equal((a + b) + c, a + (b + c));
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * (b + c), (a * b) + (a * c));
            Assert.Equal((a + b) * c, (a * c) + (b * c));
            Assert.Equal(a - b, a + (-b));
            Assert.Equal(a, a + zero);
            Assert.Equal(a, a * one);
            Assert.Equal(zero, a * zero);
            Assert.Equal(zero, a + (-a));
            Assert.Equal(zero, a - a);
            Assert.Equal(a, -(-a));
            Assert.Equal((a + b).ToBigInteger(), ReferenceMath.Mod(a.ToBigInteger() + b.ToBigInteger(), r));
            Assert.Equal((a * b * c).ToBigInteger(), ReferenceMath.Mod(a.ToBigInteger() * b.ToBigInteger() * c.ToBigInteger(), r));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void EveryNonZeroScalarHasAnInverse(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        Scalar one = group.CreateScalar(1);
        foreach (BigInteger v in TestValues.EdgeAndRandomValues(r, TestValues.Rng(level, 3), 10))
        {
            Scalar a = group.CreateScalar(v);
            if (v.IsZero)
            {
                Assert.Throws<DivideByZeroException>(() => a.Invert());
                continue;
            }
            Scalar inverse = a.Invert();
            Assert.True(one.Equals(a * inverse), $"a * a^-1 != 1 for a = {v}");
            Assert.True(ReferenceMath.Inverse(v, r) == inverse.ToBigInteger(), $"a^-1 differs from BigInteger for a = {v}");
            Assert.Equal(a, inverse.Invert());
        }
        Scalar random = group.RandomNonZeroScalar();
        Assert.False(random.IsZero);
        Assert.Equal(one, random * random.Invert());
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void EncodingRoundTrips(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        Assert.Equal((int)((r.GetBitLength() + 7) / 8), group.ScalarLength);
        foreach (BigInteger v in TestValues.EdgeAndRandomValues(r, TestValues.Rng(level, 4), 5))
        {
            Scalar s = group.CreateScalar(v);
            byte[] encoded = s.Encode();
            Assert.Equal(ReferenceMath.ToBytes(v, group.ScalarLength), encoded);
            Scalar decoded = group.DecodeScalar(encoded);
            Assert.Equal(s, decoded);
            Assert.Equal(v, decoded.ToBigInteger());
            Assert.True(group.TryDecodeScalar(encoded, out Scalar? viaTry, out EncodingError error, allowZero: v.IsZero));
            Assert.Equal(EncodingError.None, error);
            Assert.Equal(s, viaTry);
        }
        Scalar randomScalar = group.RandomScalar();
        Assert.Equal(randomScalar, group.DecodeScalar(randomScalar.Encode()));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void HashToScalarIsDeterministicAndDomainSeparated(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        byte[] data = "patient-record-42"u8.ToArray();
        byte[] domain = "MedChain-Test-Scalar"u8.ToArray();
        Scalar h = group.HashToScalar(data, domain);
        Assert.Equal(h, group.HashToScalar(data, domain));
        Assert.Equal(h.ToBigInteger(), group.HashToScalar((byte[])data.Clone(), (byte[])domain.Clone()).ToBigInteger());
        Assert.NotEqual(h, group.HashToScalar(data, "MedChain-Test-Scalar2"u8));
        Assert.NotEqual(h, group.HashToScalar(data, "MedChain-Test-Scalaq"u8));
        Assert.NotEqual(h, group.HashToScalar("patient-record-43"u8, domain));
        Assert.NotEqual(h, group.HashToScalar([], domain));
        Assert.NotEqual(group.HashToScalar([], domain), group.HashToScalar([0], domain));
        Assert.True(h.ToBigInteger() < group.Parameters.R);

        // Distinct inputs give distinct scalars (a collision among 64 would be a 2^-150 event).
        var seen = new HashSet<BigInteger>();
        for (int i = 0; i < 64; i++)
        {
            Assert.True(seen.Add(group.HashToScalar(BitConverter.GetBytes(i), domain).ToBigInteger()), $"collision at {i}");
        }

        byte[] longest = new byte[255];
        Array.Fill(longest, (byte)'d');
        _ = group.HashToScalar(data, longest);
        Assert.Throws<ArgumentException>(() => group.HashToScalar(data, []));
        Assert.Throws<ArgumentException>(() => group.HashToScalar(data, new byte[256]));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void DisposeWipesTheValue(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        Scalar other = group.CreateScalar(5);
        G1Point point = group.HashToG1("dispose"u8, "MedChain-Test-Dispose"u8);
        Scalar secret = group.RandomNonZeroScalar();
        string decimalText = secret.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string hexText = Convert.ToHexString(secret.Encode());
        Assert.DoesNotContain(decimalText, secret.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(hexText, secret.ToString(), StringComparison.OrdinalIgnoreCase);

        secret.Dispose();
        Assert.Throws<ObjectDisposedException>(() => secret.ToBigInteger());
        Assert.Throws<ObjectDisposedException>(() => secret.Encode());
        Assert.Throws<ObjectDisposedException>(() => secret.Add(other));
        Assert.Throws<ObjectDisposedException>(() => other.Add(secret));
        Assert.Throws<ObjectDisposedException>(() => secret * other);
        Assert.Throws<ObjectDisposedException>(() => secret.Negate());
        Assert.Throws<ObjectDisposedException>(() => secret.Invert());
        Assert.Throws<ObjectDisposedException>(() => secret.IsZero);
        Assert.Throws<ObjectDisposedException>(() => point.Multiply(secret));
        Assert.Throws<ObjectDisposedException>(() => group.Pair(point, point).Pow(secret));
        secret.Dispose(); // a second Dispose is harmless

        // The limbs themselves are zero: nothing of the secret is left in memory held by the object.
        FieldInfo[] limbFields = typeof(Scalar).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(ulong[])).ToArray();
        Assert.NotEmpty(limbFields);
        foreach (FieldInfo f in limbFields)
        {
            var limbs = (ulong[])f.GetValue(secret)!;
            Assert.All(limbs, l => Assert.Equal(0UL, l));
        }
        Assert.Equal(5, other.ToBigInteger());
    }

    [Fact]
    public void ScalarsOfDifferentGroupsDoNotMix()
    {
        Scalar a = PairingGroup.Level80.CreateScalar(3);
        Scalar b = PairingGroup.Level112.CreateScalar(3);
        Assert.False(a.Equals(b));
        Assert.Throws<ArgumentException>(() => a + b);
        Assert.Throws<ArgumentException>(() => a * b);
        Assert.Throws<ArgumentException>(() => PairingGroup.Level112.Identity.Multiply(a));
    }
}
