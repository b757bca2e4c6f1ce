using System.Numerics;
using MedChain.Crypto.Encoding;

namespace MedChain.Crypto.Tests;

/// <summary>
/// Encodings round-trip, and every class of invalid input is rejected with its own
/// <see cref="EncodingError"/>, the same by TryDecode (false plus the reason) and by Decode
/// (an <see cref="EncodingException"/> carrying the reason): wrong length, non-canonical bytes,
/// not on the curve (for GT: norm != 1), outside the order-r subgroup, and the identity where it
/// is not allowed. Covers G1 points (compressed and uncompressed), GT elements and scalars.
/// </summary>
public sealed class EncodingTests
{
    private static readonly byte[] s_domain = "MedChain-Test-Encoding"u8.ToArray();

    // ---- G1 ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1EncodingsRoundTrip(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        int n = FieldLength(group);
        Assert.Equal(1 + n, group.G1CompressedLength);
        Assert.Equal(1 + 2 * n, group.G1UncompressedLength);
        G1Point p = group.HashToG1("round trip"u8, s_domain);
        // p and -p have y of opposite parity, so both compressed prefixes are exercised.
        foreach (G1Point x in new[] { p, -p, group.RandomG1(), p.MultiplyPublic(group.Parameters.R - 1) })
        {
            byte[] compressed = x.Encode();
            byte[] uncompressed = x.Encode(compressed: false);
            Assert.Equal(compressed, x.Encode(compressed: true));
            Assert.Equal([(byte)(x.Y.IsEven ? 0x02 : 0x03), .. ReferenceMath.ToBytes(x.X, n)], compressed);
            Assert.Equal([0x04, .. ReferenceMath.ToBytes(x.X, n), .. ReferenceMath.ToBytes(x.Y, n)], uncompressed);
            Assert.Equal(x, group.DecodeG1(compressed));
            Assert.Equal(x, group.DecodeG1(uncompressed));
            Assert.Equal(x, group.DecodeG1(compressed, allowIdentity: true));
            Assert.True(group.TryDecodeG1(uncompressed, out G1Point? viaTry, out EncodingError error));
            Assert.Equal(EncodingError.None, error);
            Assert.Equal(x, viaTry);
        }
        Assert.NotEqual(p.Encode()[0], (-p).Encode()[0]);

        G1Point o = group.Identity;
        Assert.Equal(new byte[1 + n], o.Encode());
        Assert.Equal(new byte[1 + 2 * n], o.Encode(compressed: false));
        Assert.True(group.DecodeG1(o.Encode(), allowIdentity: true).IsIdentity);
        Assert.True(group.DecodeG1(o.Encode(compressed: false), allowIdentity: true).IsIdentity);
        Assert.True(group.TryDecodeG1(o.Encode(), out G1Point? decodedIdentity, out EncodingError identityError, allowIdentity: true));
        Assert.Equal(EncodingError.None, identityError);
        Assert.Equal(o, decodedIdentity);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1WrongLengthIsInvalidLength(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        int n = FieldLength(group);
        G1Point p = group.HashToG1("len"u8, s_domain);
        byte[] compressed = p.Encode();
        byte[] uncompressed = p.Encode(compressed: false);
        byte[][] inputs =
        [
            [],
            [0x02],
            [0x00],
            compressed[..^1],
            [.. compressed, 0x00],
            uncompressed[..^1],
            [.. uncompressed, 0x00],
            new byte[n],
            new byte[2 * n],
            new byte[2 + 2 * n],
            [0x04, .. compressed[1..], .. compressed[1..], .. compressed[1..]],
        ];
        foreach (byte[] input in inputs)
        {
            AssertG1Rejected(group, input, EncodingError.InvalidLength, $"length {input.Length}");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1NonCanonicalBytesAreNonCanonical(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = FieldLength(group);
        G1Point p = group.HashToG1("canonical"u8, s_domain);
        byte[] x = ReferenceMath.ToBytes(p.X, n);
        byte[] y = ReferenceMath.ToBytes(p.Y, n);
        byte[] qBytes = ReferenceMath.ToBytes(q, n);
        byte[] ones = Enumerable.Repeat((byte)0xFF, n).ToArray();

        // Unknown prefixes, and prefixes that do not match the length.
        foreach (byte prefix in new byte[] { 0x01, 0x04, 0x05, 0x06, 0x07, 0x80, 0xFF })
        {
            AssertG1Rejected(group, [prefix, .. x], EncodingError.NonCanonical, $"compressed prefix {prefix:X2}");
        }
        foreach (byte prefix in new byte[] { 0x01, 0x02, 0x03, 0x05, 0x06, 0x07, 0xFF })
        {
            AssertG1Rejected(group, [prefix, .. x, .. y], EncodingError.NonCanonical, $"uncompressed prefix {prefix:X2}");
        }
        // Coordinates not below q.
        AssertG1Rejected(group, [0x02, .. qBytes], EncodingError.NonCanonical, "compressed x = q");
        AssertG1Rejected(group, [0x03, .. qBytes], EncodingError.NonCanonical, "compressed x = q (odd)");
        AssertG1Rejected(group, [0x02, .. ones], EncodingError.NonCanonical, "compressed x = 0xFF..FF");
        AssertG1Rejected(group, [0x04, .. qBytes, .. y], EncodingError.NonCanonical, "uncompressed x = q");
        AssertG1Rejected(group, [0x04, .. x, .. qBytes], EncodingError.NonCanonical, "uncompressed y = q");
        AssertG1Rejected(group, [0x04, .. ones, .. y], EncodingError.NonCanonical, "uncompressed x = 0xFF..FF");
        AssertG1Rejected(group, [0x04, .. x, .. ones], EncodingError.NonCanonical, "uncompressed y = 0xFF..FF");
        if (p.X + q < BigInteger.One << (8 * n))
        {
            AssertG1Rejected(group, [(byte)(p.Y.IsEven ? 0x02 : 0x03), .. ReferenceMath.ToBytes(p.X + q, n)], EncodingError.NonCanonical, "compressed x + q");
        }
        if (p.Y + q < BigInteger.One << (8 * n))
        {
            AssertG1Rejected(group, [0x04, .. x, .. ReferenceMath.ToBytes(p.Y + q, n)], EncodingError.NonCanonical, "uncompressed y + q");
        }
        // The identity with padding that is not all zero, allowed or not.
        foreach (int length in new[] { 1 + n, 1 + 2 * n })
        {
            foreach (int position in new[] { 1, length / 2, length - 1 })
            {
                byte[] padded = new byte[length];
                padded[position] = 0x01;
                AssertG1Rejected(group, padded, EncodingError.NonCanonical, $"identity, length {length}, non-zero byte at {position}");
            }
        }
        // CreatePoint applies the same rule to its integers.
        AssertCreatePointRejected(group, q, p.Y, EncodingError.NonCanonical);
        AssertCreatePointRejected(group, p.X, q + p.Y, EncodingError.NonCanonical);
        AssertCreatePointRejected(group, -p.X, p.Y, EncodingError.NonCanonical);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1PointsOffTheCurveAreNotOnCurve(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = FieldLength(group);
        G1Point p = group.HashToG1("curve"u8, s_domain);

        // Compressed: an x for which x^3 + x has no square root.
        int found = 0;
        for (BigInteger x = 1; found < 3; x++)
        {
            if (ReferenceMath.Legendre(x * x * x + x, q) == -1)
            {
                found++;
                AssertG1Rejected(group, [0x02, .. ReferenceMath.ToBytes(x, n)], EncodingError.NotOnCurve, $"compressed x = {x}");
                AssertG1Rejected(group, [0x03, .. ReferenceMath.ToBytes(x, n)], EncodingError.NotOnCurve, $"compressed x = {x} (odd)");
            }
        }
        // Uncompressed: a valid point with y changed, and other pairs off the curve.
        BigInteger[][] pairs =
        [
            [p.X, ReferenceMath.Mod(p.Y + 1, q)],
            [p.X, ReferenceMath.Mod(p.Y - 1, q)],
            [ReferenceMath.Mod(p.X + 1, q), p.Y],
            [p.X, 0],
            [0, 1],
            [1, 1],
            [q - 1, q - 1],
        ];
        foreach (BigInteger[] xy in pairs)
        {
            Assert.False(ReferenceMath.IsOnCurve(new RefPoint(xy[0], xy[1], false), q));
            AssertG1Rejected(group, [0x04, .. ReferenceMath.ToBytes(xy[0], n), .. ReferenceMath.ToBytes(xy[1], n)], EncodingError.NotOnCurve, $"({xy[0]}, {xy[1]})");
            AssertCreatePointRejected(group, xy[0], xy[1], EncodingError.NotOnCurve);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1PointsOutsideTheSubgroupAreNotInSubgroup(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = FieldLength(group);
        var outside = new List<RefPoint>
        {
            new(0, 0, false), // the point of order 2
        };
        // Points of E(F_q) found from small x: of order dividing h*r, in G1 with probability 1/h.
        for (BigInteger x = 1; outside.Count < 3; x++)
        {
            BigInteger rhs = ReferenceMath.Mod(x * x * x + x, q);
            if (ReferenceMath.Legendre(rhs, q) == 1)
            {
                outside.Add(new RefPoint(x, BigInteger.ModPow(rhs, (q + 1) / 4, q), false));
            }
        }
        // P + (0, 0) for P in G1 has order 2r: [r] of it is (0, 0), not O.
        G1Point p = group.HashToG1("subgroup"u8, s_domain);
        outside.Add(ReferenceMath.Add(ReferenceMath.Point(p), new RefPoint(0, 0, false), q));
        // [r]S for a point S outside G1: order dividing h, not 1.
        RefPoint torsion = ReferenceMath.Multiply(outside[1], group.Parameters.R, q);
        Assert.False(torsion.IsInfinity);
        outside.Add(torsion);

        foreach (RefPoint s in outside)
        {
            Assert.True(ReferenceMath.IsOnCurve(s, q), $"test point ({s.X}, {s.Y}) should be on the curve");
            RefPoint[] variants = s == outside[1] ? [s, ReferenceMath.Negate(s, q)] : [s];
            foreach (RefPoint t in variants)
            {
                byte[] x = ReferenceMath.ToBytes(t.X, n);
                AssertG1Rejected(group, [0x04, .. x, .. ReferenceMath.ToBytes(t.Y, n)], EncodingError.NotInSubgroup, $"uncompressed ({t.X}, {t.Y})");
                AssertG1Rejected(group, [(byte)(t.Y.IsEven ? 0x02 : 0x03), .. x], EncodingError.NotInSubgroup, $"compressed ({t.X}, {t.Y})");
                AssertCreatePointRejected(group, t.X, t.Y, EncodingError.NotInSubgroup);
            }
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void CompressedPointWithZeroYAndOddPrefixIsNonCanonical(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        // x = 0 gives y = 0, the point (0, 0) of order 2: 0x02 names it correctly (and it is not in
        // G1), 0x03 claims an odd y that does not exist.
        byte[] even = new byte[group.G1CompressedLength];
        even[0] = 0x02;
        byte[] odd = (byte[])even.Clone();
        odd[0] = 0x03;
        AssertG1Rejected(group, even, EncodingError.NotInSubgroup, "(0,0) with prefix 0x02");
        AssertG1Rejected(group, odd, EncodingError.NonCanonical, "(0,0) with prefix 0x03");
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void G1IdentityIsRejectedUnlessAllowed(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        int n = FieldLength(group);
        foreach (byte[] identity in new[] { new byte[1 + n], new byte[1 + 2 * n] })
        {
            AssertG1Rejected(group, identity, EncodingError.Identity, $"identity of length {identity.Length}", allowIdentity: false);
            Assert.True(group.DecodeG1(identity, allowIdentity: true).IsIdentity);
        }
        Assert.Throws<EncodingException>(() => group.DecodeG1(group.Identity.Encode()));
    }

    // ---- GT ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void GtEncodingsRoundTripAndInvalidOnesAreRejected(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = FieldLength(group);
        Assert.Equal(2 * n, group.GtLength);
        GtElement g = group.Pair(group.HashToG1("gt1"u8, s_domain), group.HashToG1("gt2"u8, s_domain));
        foreach (GtElement e in new[] { g, g.Invert(), g.Pow(group.RandomScalar()) })
        {
            Assert.Equal(e, group.DecodeGt(e.Encode()));
            Assert.True(group.TryDecodeGt(e.Encode(), out GtElement? viaTry, out EncodingError error, allowIdentity: false));
            Assert.Equal(EncodingError.None, error);
            Assert.Equal(e, viaTry);
        }
        Assert.True(group.DecodeGt(group.GtOne.Encode()).IsOne);
        RefFq2 rg = ReferenceMath.Value(g);

        // Wrong length.
        byte[] valid = g.Encode();
        foreach (byte[] input in new byte[][] { [], valid[..^1], [.. valid, 0], valid[..n], new byte[1 + 2 * n], new byte[group.G1CompressedLength] })
        {
            AssertGtRejected(group, input, EncodingError.InvalidLength, $"length {input.Length}");
        }
        // A component not below q.
        byte[] ones = Enumerable.Repeat((byte)0xFF, n).ToArray();
        AssertGtRejected(group, [.. ReferenceMath.ToBytes(q, n), .. ReferenceMath.ToBytes(0, n)], EncodingError.NonCanonical, "Re = q");
        AssertGtRejected(group, [.. ReferenceMath.ToBytes(1, n), .. ReferenceMath.ToBytes(q, n)], EncodingError.NonCanonical, "Im = q");
        AssertGtRejected(group, [.. ones, .. ReferenceMath.ToBytes(rg.Im, n)], EncodingError.NonCanonical, "Re = 0xFF..FF");
        AssertGtRejected(group, [.. ReferenceMath.ToBytes(rg.Re, n), .. ones], EncodingError.NonCanonical, "Im = 0xFF..FF");
        if (rg.Re + q < BigInteger.One << (8 * n))
        {
            AssertGtRejected(group, [.. ReferenceMath.ToBytes(rg.Re + q, n), .. ReferenceMath.ToBytes(rg.Im, n)], EncodingError.NonCanonical, "Re + q");
        }
        // Norm different from 1.
        RefFq2[] normNotOne = [new(2, 0), new(0, 0), new(1, 1), new(0, 2), new(rg.Re, ReferenceMath.Mod(rg.Im + 1, q)), ReferenceMath.Mul(rg, new RefFq2(2, 0), q)];
        foreach (RefFq2 v in normNotOne)
        {
            Assert.NotEqual(BigInteger.One, ReferenceMath.Norm(v, q));
            AssertGtRejected(group, ReferenceMath.EncodeFq2(v, n), EncodingError.NotOnCurve, $"norm != 1: {v}");
        }
        // Norm 1 but not of order r: -1 (order 2), i (order 4), -g (order 2r), conj(z)/z for random z.
        Random rng = TestValues.Rng(level, 40);
        var outside = new List<RefFq2> { new(q - 1, 0), new(0, 1), new(0, q - 1), new(ReferenceMath.Mod(-rg.Re, q), ReferenceMath.Mod(-rg.Im, q)) };
        for (int k = 0; k < 3; k++)
        {
            var z = new RefFq2(TestValues.RandomBelow(rng, q), TestValues.RandomNonZeroBelow(rng, q));
            outside.Add(ReferenceMath.Mul(ReferenceMath.Conjugate(z, q), ReferenceMath.Inverse(z, q), q));
        }
        foreach (RefFq2 v in outside)
        {
            Assert.Equal(BigInteger.One, ReferenceMath.Norm(v, q));
            Assert.NotEqual(new RefFq2(1, 0), ReferenceMath.Pow(v, group.Parameters.R, q));
            AssertGtRejected(group, ReferenceMath.EncodeFq2(v, n), EncodingError.NotInSubgroup, $"norm 1, outside GT: {v}");
        }
        // The identity where it is not allowed.
        AssertGtRejected(group, group.GtOne.Encode(), EncodingError.Identity, "GT one", allowIdentity: false);
        Assert.True(group.DecodeGt(group.GtOne.Encode(), allowIdentity: true).IsOne);
    }

    // ---- Scalars ----------------------------------------------------------------------------

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void InvalidScalarsAreRejected(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger r = group.Parameters.R;
        int n = group.ScalarLength;
        byte[] valid = group.CreateScalar(r - 1).Encode();
        Assert.Equal(r - 1, group.DecodeScalar(valid, allowZero: false).ToBigInteger());

        foreach (byte[] input in new byte[][] { [], valid[..^1], [.. valid, 0], [0, .. valid], new byte[2 * n] })
        {
            AssertScalarRejected(group, input, EncodingError.InvalidLength, $"length {input.Length}");
        }
        BigInteger[] tooLarge = [r, r + 1, (BigInteger.One << (8 * n)) - 1];
        foreach (BigInteger v in tooLarge)
        {
            AssertScalarRejected(group, ReferenceMath.ToBytes(v, n), EncodingError.NonCanonical, $"value {v}");
        }
        AssertScalarRejected(group, new byte[n], EncodingError.Identity, "zero", allowZero: false);
        Assert.True(group.DecodeScalar(new byte[n]).IsZero);
        Assert.True(group.DecodeScalar(new byte[n], allowZero: true).IsZero);
        Assert.Equal(BigInteger.One, group.DecodeScalar(ReferenceMath.ToBytes(1, n), allowZero: false).ToBigInteger());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static int FieldLength(PairingGroup group) => (int)((group.Parameters.Q.GetBitLength() + 7) / 8);

    /// <summary>TryDecodeG1 and DecodeG1 both refuse the input with the expected reason (with and without allowIdentity unless given).</summary>
    private static void AssertG1Rejected(PairingGroup group, byte[] input, EncodingError expected, string what, bool? allowIdentity = null)
    {
        bool[] modes = allowIdentity is { } only ? [only] : [false, true];
        foreach (bool allow in modes)
        {
            bool accepted = group.TryDecodeG1(input, out G1Point? point, out EncodingError error, allow);
            Assert.False(accepted, $"{what}: accepted (allowIdentity {allow})");
            Assert.Null(point);
            Assert.True(expected == error, $"{what}: TryDecodeG1 says {error}, expected {expected} (allowIdentity {allow})");
            if (allow && modes.Length > 1)
            {
                continue; // the throwing form is checked once per input
            }
            EncodingException ex = Assert.Throws<EncodingException>(() => group.DecodeG1(input, allow));
            Assert.True(expected == ex.Error, $"{what}: DecodeG1 says {ex.Error}, expected {expected} (allowIdentity {allow})");
            Assert.IsAssignableFrom<FormatException>(ex);
        }
    }

    private static void AssertCreatePointRejected(PairingGroup group, BigInteger x, BigInteger y, EncodingError expected)
    {
        EncodingException ex = Assert.Throws<EncodingException>(() => group.CreatePoint(x, y));
        Assert.True(expected == ex.Error, $"CreatePoint({x}, {y}) says {ex.Error}, expected {expected}");
    }

    private static void AssertGtRejected(PairingGroup group, byte[] input, EncodingError expected, string what, bool? allowIdentity = null)
    {
        bool[] modes = allowIdentity is { } only ? [only] : [false, true];
        foreach (bool allow in modes)
        {
            bool accepted = group.TryDecodeGt(input, out GtElement? element, out EncodingError error, allow);
            Assert.False(accepted, $"{what}: accepted (allowIdentity {allow})");
            Assert.Null(element);
            Assert.True(expected == error, $"{what}: TryDecodeGt says {error}, expected {expected} (allowIdentity {allow})");
            if (allow && modes.Length > 1)
            {
                continue; // the throwing form is checked once per input
            }
            EncodingException ex = Assert.Throws<EncodingException>(() => group.DecodeGt(input, allow));
            Assert.True(expected == ex.Error, $"{what}: DecodeGt says {ex.Error}, expected {expected} (allowIdentity {allow})");
        }
    }

    private static void AssertScalarRejected(PairingGroup group, byte[] input, EncodingError expected, string what, bool? allowZero = null)
    {
        bool[] modes = allowZero is { } only ? [only] : [false, true];
        foreach (bool allow in modes)
        {
            bool accepted = group.TryDecodeScalar(input, out Scalar? scalar, out EncodingError error, allow);
            Assert.False(accepted, $"{what}: accepted (allowZero {allow})");
            Assert.Null(scalar);
            Assert.True(expected == error, $"{what}: TryDecodeScalar says {error}, expected {expected} (allowZero {allow})");
            EncodingException ex = Assert.Throws<EncodingException>(() => group.DecodeScalar(input, allow));
            Assert.True(expected == ex.Error, $"{what}: DecodeScalar says {ex.Error}, expected {expected} (allowZero {allow})");
        }
    }
}
