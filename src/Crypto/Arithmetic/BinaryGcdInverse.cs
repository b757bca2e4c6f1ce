using System.Numerics;

namespace MedChain.Crypto.Arithmetic;

/// <summary>
/// Modular inversion by T. Pornin's optimized binary GCD ("Optimized Binary GCD for Modular
/// Inversion", 2020): the binary GCD steps are decided on 64-bit approximations of a and b
/// (their low 31 bits and top 33 bits) for 31 steps at a time, collected into a matrix of small
/// signed factors (f0 g0; f1 g1), which is then applied once to the full-size values. Invariant:
/// a = u*y and b = v*y (mod m); each round divides by 2^31, and u, v are divided alongside
/// (Montgomery-style: add the multiple of m that clears the low 31 bits, then shift). Ends with
/// a = 0, b = gcd(y, m) = 1 and v = 1/y. Variable-time: callers blind secret inputs.
/// </summary>
internal static class BinaryGcdInverse
{
    private const int Steps = 31;

    /// <summary>
    /// Writes 1/y mod m (n limbs) to result for 0 &lt; y &lt; m, m odd; mNegInv = -m^-1 mod 2^64.
    /// Returns false when y is not invertible.
    /// </summary>
    internal static bool Invert(ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> m, ulong mNegInv, Span<ulong> result, int n)
    {
        int w = n + 1;
        Span<ulong> a = stackalloc ulong[w];
        Span<ulong> b = stackalloc ulong[w];
        Span<ulong> u = stackalloc ulong[w];
        Span<ulong> v = stackalloc ulong[w];
        Span<ulong> t0 = stackalloc ulong[w];
        Span<ulong> t1 = stackalloc ulong[w];
        Span<ulong> scratch = stackalloc ulong[w];
        Span<ulong> mw = stackalloc ulong[w];
        a.Clear(); b.Clear(); u.Clear(); v.Clear(); mw.Clear();
        y[..n].CopyTo(a);
        m[..n].CopyTo(b);
        m[..n].CopyTo(mw);
        u[0] = 1;
        int maxRounds = (2 * 64 * n) / Steps + 4;
        for (int round = 0; round < maxRounds && !IsZero(a); round++)
        {
            int len = Math.Max(64, Math.Max(BitLength(a), BitLength(b)));
            ulong abar = Approximate(a, len);
            ulong bbar = Approximate(b, len);
            long f0 = 1, g0 = 0, f1 = 0, g1 = 1;
            for (int j = 0; j < Steps; j++)
            {
                if ((abar & 1) != 0)
                {
                    if (abar < bbar)
                    {
                        (abar, bbar) = (bbar, abar);
                        (f0, f1) = (f1, f0);
                        (g0, g1) = (g1, g0);
                    }
                    abar -= bbar;
                    f0 -= f1;
                    g0 -= g1;
                }
                abar >>= 1;
                f1 <<= 1;
                g1 <<= 1;
            }
            // (a, b) = ((f0 a + g0 b), (f1 a + g1 b)) / 2^31, made non-negative.
            Combine(a, b, f0, g0, t0, scratch);
            Combine(a, b, f1, g1, t1, scratch);
            ShiftRightSigned(t0, Steps);
            ShiftRightSigned(t1, Steps);
            if (IsNegative(t0))
            {
                Negate(t0);
                f0 = -f0;
                g0 = -g0;
            }
            if (IsNegative(t1))
            {
                Negate(t1);
                f1 = -f1;
                g1 = -g1;
            }
            t0.CopyTo(a);
            t1.CopyTo(b);
            // (u, v) = ((f0 u + g0 v), (f1 u + g1 v)) / 2^31 mod m.
            Combine(u, v, f0, g0, t0, scratch);
            Combine(u, v, f1, g1, t1, scratch);
            DivideByPowerOfTwoModulo(t0, mw, mNegInv, scratch);
            DivideByPowerOfTwoModulo(t1, mw, mNegInv, scratch);
            t0.CopyTo(u);
            t1.CopyTo(v);
        }
        bool invertible = IsZero(a) && b[0] == 1 && IsZero(b[1..]);
        v[..n].CopyTo(result);
        return invertible;
    }

    /// <summary>x's low 31 bits, with its bits [len-33, len) above them.</summary>
    private static ulong Approximate(ReadOnlySpan<ulong> x, int len)
    {
        if (len <= 64)
        {
            return x[0];
        }
        int start = len - 33;
        int word = start / 64;
        int bit = start % 64;
        ulong top = x[word] >> bit;
        if (bit > 31 && word + 1 < x.Length)
        {
            top |= x[word + 1] << (64 - bit);
        }
        top &= (1UL << 33) - 1;
        return (x[0] & 0x7FFFFFFF) | (top << Steps);
    }

    /// <summary>t = x*f + y*g in two's complement over t.Length limbs (x, y non-negative).</summary>
    private static void Combine(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, long f, long g, Span<ulong> t, Span<ulong> scratch)
    {
        MulSmall(x, (ulong)Math.Abs(f), t);
        if (f < 0)
        {
            Negate(t);
        }
        MulSmall(y, (ulong)Math.Abs(g), scratch);
        if (g < 0)
        {
            Negate(scratch);
        }
        ulong carry = 0;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = Montgomery.AddCarry(t[i], scratch[i], ref carry);
        }
    }

    /// <summary>t = (t + c*m)/2^31 mod m for the c that clears t's low 31 bits; t ends in [0, m).</summary>
    private static void DivideByPowerOfTwoModulo(Span<ulong> t, ReadOnlySpan<ulong> m, ulong mNegInv, Span<ulong> scratch)
    {
        ulong c = (t[0] * mNegInv) & ((1UL << Steps) - 1);
        MulSmall(m, c, scratch);
        ulong carry = 0;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = Montgomery.AddCarry(t[i], scratch[i], ref carry);
        }
        ShiftRightSigned(t, Steps);
        while (IsNegative(t))
        {
            carry = 0;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = Montgomery.AddCarry(t[i], m[i], ref carry);
            }
        }
        while (Montgomery.Compare(t, m, t.Length) >= 0)
        {
            ulong borrow = 0;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = Montgomery.SubBorrow(t[i], m[i], ref borrow);
            }
        }
    }

    private static void MulSmall(ReadOnlySpan<ulong> x, ulong k, Span<ulong> t)
    {
        ulong carry = 0;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = Montgomery.MulAdd(0, x[i], k, ref carry);
        }
    }

    private static void Negate(Span<ulong> t)
    {
        ulong carry = 1;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = Montgomery.AddCarry(~t[i], 0, ref carry);
        }
    }

    private static void ShiftRightSigned(Span<ulong> t, int k)
    {
        for (int i = 0; i < t.Length - 1; i++)
        {
            t[i] = (t[i] >> k) | (t[i + 1] << (64 - k));
        }
        t[^1] = (ulong)((long)t[^1] >> k);
    }

    private static bool IsNegative(ReadOnlySpan<ulong> t) => (long)t[^1] < 0;

    private static bool IsZero(ReadOnlySpan<ulong> t) => !t.ContainsAnyExcept(0UL);

    private static int BitLength(ReadOnlySpan<ulong> t)
    {
        for (int i = t.Length - 1; i >= 0; i--)
        {
            if (t[i] != 0)
            {
                return 64 * i + 64 - BitOperations.LeadingZeroCount(t[i]);
            }
        }
        return 0;
    }
}
