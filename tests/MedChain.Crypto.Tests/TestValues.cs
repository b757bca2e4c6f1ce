using System.Numerics;

namespace MedChain.Crypto.Tests;

/// <summary>
/// Inputs shared by the law tests: a seeded generator (so that a failure can be reproduced) and
/// the edge values of a modulus that arithmetic code tends to get wrong.
/// </summary>
internal static class TestValues
{
    /// <summary>A generator seeded from the security level and a per-test salt.</summary>
    public static Random Rng(int level, int salt = 0) => new(level * 1000 + salt);

    /// <summary>A (nearly) uniform integer in [0, bound).</summary>
    public static BigInteger RandomBelow(Random rng, BigInteger bound)
    {
        byte[] bytes = new byte[(int)((bound.GetBitLength() + 7) / 8) + 16];
        rng.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % bound;
    }

    /// <summary>A uniform integer in [1, bound).</summary>
    public static BigInteger RandomNonZeroBelow(Random rng, BigInteger bound)
    {
        while (true)
        {
            BigInteger v = RandomBelow(rng, bound);
            if (!v.IsZero)
            {
                return v;
            }
        }
    }

    /// <summary>
    /// Edge values in [0, m): small values, m - small, halves, powers of two near limb boundaries
    /// and near the top, long runs of ones, alternating bits, and values whose Montgomery form
    /// (v * 2^(64n) mod m) is itself an edge value.
    /// </summary>
    public static IReadOnlyList<BigInteger> EdgeValues(BigInteger m)
    {
        int bits = (int)m.GetBitLength();
        int limbs = (bits + 63) / 64;
        var values = new List<BigInteger>
        {
            0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255,
            m - 1, m - 2, m - 3, m - 4, m - 31, m - 32, m - 33,
            (m - 1) / 2, (m + 1) / 2, m / 3,
        };
        foreach (int k in new[] { 32, 63, 64, 65, 127, 128, 129, 191, 192, bits / 2, bits - 65, bits - 64, bits - 63, bits - 3, bits - 2, bits - 1 })
        {
            BigInteger p = BigInteger.One << k;
            values.Add(p - 1);
            values.Add(p);
            values.Add(p + 1);
            values.Add(m - p);
        }
        // Limbs full of ones, runs of ones in the middle, alternating bit patterns.
        for (int j = 1; j < limbs; j++)
        {
            values.Add((BigInteger.One << (64 * j)) - 1);
        }
        values.Add(((BigInteger.One << (bits / 2)) - 1) << (bits / 4));
        values.Add(((BigInteger.One << (bits - 8)) - 1) << 3);
        values.Add(Repeat(0xAA, bits - 1));
        values.Add(Repeat(0x55, bits - 1));
        values.Add(Repeat(0xF0, bits - 1));
        // Values stored as edge limb patterns in Montgomery form: v = e * R^-1 mod m.
        BigInteger montgomeryR = BigInteger.One << (64 * limbs);
        BigInteger rInverse = BigInteger.ModPow(montgomeryR % m, m - 2, m);
        foreach (BigInteger e in new[] { BigInteger.One, m - 1, m - 2, (m - 1) / 2, (BigInteger.One << (bits - 1)) - 1 })
        {
            values.Add(e * rInverse % m);
        }
        values.Add(montgomeryR % m);
        values.Add(rInverse);
        return values.Select(v => ReferenceMath.Mod(v, m)).Distinct().ToList();
    }

    /// <summary>Edge values followed by some seeded random ones.</summary>
    public static IReadOnlyList<BigInteger> EdgeAndRandomValues(BigInteger m, Random rng, int randomCount)
    {
        var values = new List<BigInteger>(EdgeValues(m));
        for (int i = 0; i < randomCount; i++)
        {
            values.Add(RandomBelow(rng, m));
        }
        return values;
    }

    private static BigInteger Repeat(byte pattern, int bits)
    {
        byte[] bytes = new byte[(bits + 7) / 8];
        Array.Fill(bytes, pattern);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) & ((BigInteger.One << bits) - 1);
    }
}
