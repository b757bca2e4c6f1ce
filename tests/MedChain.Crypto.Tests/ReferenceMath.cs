using System.Numerics;

namespace MedChain.Crypto.Tests;

/// <summary>An element Re + Im*i of F_q2 (i^2 = -1) for the reference arithmetic.</summary>
internal readonly record struct RefFq2(BigInteger Re, BigInteger Im);

/// <summary>An affine point of y^2 = x^3 + x for the reference arithmetic.</summary>
internal readonly record struct RefPoint(BigInteger X, BigInteger Y, bool IsInfinity)
{
    public static RefPoint Infinity => new(0, 0, true);
}

/// <summary>
/// Textbook arithmetic on System.Numerics.BigInteger, written independently of the library: the
/// reference the library's Montgomery arithmetic, F_q2, curve and encodings are checked against.
/// Slow but obviously right.
/// </summary>
internal static class ReferenceMath
{
    /// <summary>a mod m in [0, m).</summary>
    public static BigInteger Mod(BigInteger a, BigInteger m)
    {
        BigInteger r = a % m;
        return r.Sign < 0 ? r + m : r;
    }

    /// <summary>1/a mod a prime m (Fermat).</summary>
    public static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        BigInteger x = Mod(a, m);
        if (x.IsZero)
        {
            throw new DivideByZeroException();
        }
        return BigInteger.ModPow(x, m - 2, m);
    }

    /// <summary>Euler's criterion: 1, -1, or 0 for a = 0.</summary>
    public static int Legendre(BigInteger a, BigInteger m)
    {
        BigInteger x = Mod(a, m);
        if (x.IsZero)
        {
            return 0;
        }
        return BigInteger.ModPow(x, (m - 1) / 2, m).IsOne ? 1 : -1;
    }

    /// <summary>
    /// The Jacobi symbol (a/m) for odd m > 0 by quadratic reciprocity (no exponentiation): for a
    /// prime m, the Legendre symbol, computed another way than Euler's criterion.
    /// </summary>
    public static int Jacobi(BigInteger a, BigInteger m)
    {
        a = Mod(a, m);
        int result = 1;
        while (!a.IsZero)
        {
            while (a.IsEven)
            {
                a >>= 1;
                int m8 = (int)(m % 8);
                if (m8 == 3 || m8 == 5)
                {
                    result = -result;
                }
            }
            (a, m) = (m, a);
            if (a % 4 == 3 && m % 4 == 3)
            {
                result = -result;
            }
            a %= m;
        }
        return m.IsOne ? result : 0;
    }

    /// <summary>Big-endian unsigned bytes of v, left-padded to length.</summary>
    public static byte[] ToBytes(BigInteger v, int length)
    {
        byte[] raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (v.IsZero)
        {
            raw = [];
        }
        if (raw.Length > length)
        {
            throw new ArgumentOutOfRangeException(nameof(v), "Value does not fit.");
        }
        byte[] result = new byte[length];
        raw.CopyTo(result, length - raw.Length);
        return result;
    }

    /// <summary>Big-endian unsigned integer.</summary>
    public static BigInteger FromBytes(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    // ---- F_q2 = F_q[i]/(i^2 + 1) -----------------------------------------------------------

    public static RefFq2 Add(RefFq2 a, RefFq2 b, BigInteger q) => new(Mod(a.Re + b.Re, q), Mod(a.Im + b.Im, q));

    public static RefFq2 Sub(RefFq2 a, RefFq2 b, BigInteger q) => new(Mod(a.Re - b.Re, q), Mod(a.Im - b.Im, q));

    /// <summary>(a + bi)(c + di) = (ac - bd) + (ad + bc)i.</summary>
    public static RefFq2 Mul(RefFq2 a, RefFq2 b, BigInteger q) =>
        new(Mod(a.Re * b.Re - a.Im * b.Im, q), Mod(a.Re * b.Im + a.Im * b.Re, q));

    public static RefFq2 Conjugate(RefFq2 a, BigInteger q) => new(a.Re, Mod(-a.Im, q));

    public static BigInteger Norm(RefFq2 a, BigInteger q) => Mod(a.Re * a.Re + a.Im * a.Im, q);

    /// <summary>1/a = conj(a)/N(a).</summary>
    public static RefFq2 Inverse(RefFq2 a, BigInteger q)
    {
        BigInteger n = Inverse(Norm(a, q), q);
        return new(Mod(a.Re * n, q), Mod(-a.Im * n, q));
    }

    /// <summary>a^e for e >= 0 by square and multiply.</summary>
    public static RefFq2 Pow(RefFq2 a, BigInteger e, BigInteger q)
    {
        if (e.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(e));
        }
        var result = new RefFq2(1, 0);
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            result = Mul(result, result, q);
            if (!((e >> (int)i) & 1).IsZero)
            {
                result = Mul(result, a, q);
            }
        }
        return result;
    }

    public static RefFq2 Value(GtElement g) => new(g.Re, g.Im);

    /// <summary>The GT encoding Re || Im of a reference value.</summary>
    public static byte[] EncodeFq2(RefFq2 a, int fieldLength) => [.. ToBytes(a.Re, fieldLength), .. ToBytes(a.Im, fieldLength)];

    // ---- The curve y^2 = x^3 + x ------------------------------------------------------------

    public static bool IsOnCurve(RefPoint p, BigInteger q) =>
        p.IsInfinity || Mod(p.Y * p.Y, q) == Mod(p.X * p.X * p.X + p.X, q);

    public static RefPoint Point(G1Point p) => p.IsIdentity ? RefPoint.Infinity : new RefPoint(p.X, p.Y, false);

    public static RefPoint Negate(RefPoint p, BigInteger q) => p.IsInfinity ? p : new RefPoint(p.X, Mod(-p.Y, q), false);

    /// <summary>The chord-and-tangent law in affine coordinates, every case spelled out.</summary>
    public static RefPoint Add(RefPoint p, RefPoint r, BigInteger q)
    {
        if (p.IsInfinity)
        {
            return r;
        }
        if (r.IsInfinity)
        {
            return p;
        }
        BigInteger lambda;
        if (p.X == r.X)
        {
            if (Mod(p.Y + r.Y, q).IsZero)
            {
                return RefPoint.Infinity;
            }
            // Tangent: (3x^2 + a) / 2y with a = 1.
            lambda = Mod((3 * p.X * p.X + 1) * Inverse(2 * p.Y, q), q);
        }
        else
        {
            lambda = Mod((r.Y - p.Y) * Inverse(r.X - p.X, q), q);
        }
        BigInteger x3 = Mod(lambda * lambda - p.X - r.X, q);
        BigInteger y3 = Mod(lambda * (p.X - x3) - p.Y, q);
        return new RefPoint(x3, y3, false);
    }

    /// <summary>[k]p for k >= 0: left-to-right double and add in Jacobian coordinates, one inversion at the end.</summary>
    public static RefPoint Multiply(RefPoint p, BigInteger k, BigInteger q)
    {
        if (k.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }
        if (p.IsInfinity || k.IsZero)
        {
            return RefPoint.Infinity;
        }
        (BigInteger X, BigInteger Y, BigInteger Z) acc = (1, 1, 0);
        for (long i = (long)k.GetBitLength() - 1; i >= 0; i--)
        {
            acc = JacobianDouble(acc, q);
            if (!((k >> (int)i) & 1).IsZero)
            {
                acc = JacobianAdd(acc, (p.X, p.Y, 1), q);
            }
        }
        if (acc.Z.IsZero)
        {
            return RefPoint.Infinity;
        }
        BigInteger zi = Inverse(acc.Z, q);
        BigInteger zi2 = Mod(zi * zi, q);
        return new RefPoint(Mod(acc.X * zi2, q), Mod(acc.Y * zi2 * zi, q), false);
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z) JacobianDouble((BigInteger X, BigInteger Y, BigInteger Z) p, BigInteger q)
    {
        if (p.Z.IsZero || p.Y.IsZero)
        {
            return (1, 1, 0);
        }
        BigInteger yy = Mod(p.Y * p.Y, q);
        BigInteger zz = Mod(p.Z * p.Z, q);
        BigInteger s = Mod(4 * p.X * yy, q);
        BigInteger m = Mod(3 * p.X * p.X + zz * zz, q);
        BigInteger x3 = Mod(m * m - 2 * s, q);
        BigInteger y3 = Mod(m * (s - x3) - 8 * yy * yy, q);
        BigInteger z3 = Mod(2 * p.Y * p.Z, q);
        return (x3, y3, z3);
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z) JacobianAdd((BigInteger X, BigInteger Y, BigInteger Z) p, (BigInteger X, BigInteger Y, BigInteger Z) r, BigInteger q)
    {
        if (p.Z.IsZero)
        {
            return r;
        }
        if (r.Z.IsZero)
        {
            return p;
        }
        BigInteger z1z1 = Mod(p.Z * p.Z, q);
        BigInteger z2z2 = Mod(r.Z * r.Z, q);
        BigInteger u1 = Mod(p.X * z2z2, q);
        BigInteger u2 = Mod(r.X * z1z1, q);
        BigInteger s1 = Mod(p.Y * r.Z * z2z2, q);
        BigInteger s2 = Mod(r.Y * p.Z * z1z1, q);
        BigInteger h = Mod(u2 - u1, q);
        BigInteger rr = Mod(s2 - s1, q);
        if (h.IsZero)
        {
            return rr.IsZero ? JacobianDouble(p, q) : (1, 1, 0);
        }
        BigInteger hh = Mod(h * h, q);
        BigInteger hhh = Mod(hh * h, q);
        BigInteger v = Mod(u1 * hh, q);
        BigInteger x3 = Mod(rr * rr - hhh - 2 * v, q);
        BigInteger y3 = Mod(rr * (v - x3) - s1 * hhh, q);
        BigInteger z3 = Mod(p.Z * r.Z * h, q);
        return (x3, y3, z3);
    }
}
