using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MedChain.Crypto.Arithmetic;

/// <summary>
/// Limb arithmetic on little-endian arrays of 64-bit words: the only code that knows the limb
/// layout. Montgomery multiplication computes a*b/R mod m with R = 2^(64n); moduli may use every
/// bit of their top limb (q of the parameter sets is exactly 512, 1024 or 1536 bits), so sums
/// carry into an extra word. Sizes 8, 16 and 24 have unrolled forms (Montgomery.Unrolled.cs);
/// the loops here serve every other size. All routines allow the output to alias an input.
/// </summary>
internal static partial class Montgomery
{
    /// <summary>Largest supported operand, in limbs (a 1536-bit modulus).</summary>
    internal const int MaxLimbs = 24;

    /// <summary>Returns the low word of t + a*b + carry and leaves the high word in carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulAdd(ulong t, ulong a, ulong b, ref ulong carry)
    {
        ulong hi = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
        ulong lo = a * b;
        lo += t;
        hi += lo < t ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    /// <summary>Returns a - b - borrow and sets borrow to 1 when that wrapped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong e = d - borrow;
        ulong b2 = d < borrow ? 1UL : 0UL;
        borrow = b1 | b2;
        return e;
    }

    /// <summary>Returns a + b + carry and sets carry to the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong t = s + carry;
        ulong c2 = t < s ? 1UL : 0UL;
        carry = c1 | c2;
        return t;
    }

    /// <summary>r = a*b/R mod m for n limbs; a and b below m.</summary>
    internal static void Mul(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ulong mInv, ref ulong r, int n)
    {
        switch (n)
        {
            case 8: Mul8(in a, in b, in m, mInv, ref r); return;
            case 16: Mul16(in a, in b, in m, mInv, ref r); return;
            case 24: Mul24(in a, in b, in m, mInv, ref r); return;
        }
        Span<ulong> t = stackalloc ulong[MaxLimbs + 2];
        t.Clear();
        ref ulong pa = ref Unsafe.AsRef(in a);
        ref ulong pb = ref Unsafe.AsRef(in b);
        ref ulong pm = ref Unsafe.AsRef(in m);
        for (int i = 0; i < n; i++)
        {
            ulong bi = Unsafe.Add(ref pb, i);
            ulong c = 0;
            for (int j = 0; j < n; j++)
            {
                t[j] = MulAdd(t[j], Unsafe.Add(ref pa, j), bi, ref c);
            }
            t[n] += c;
            t[n + 1] = t[n] < c ? 1UL : 0UL;
            ulong k = t[0] * mInv;
            c = 0;
            _ = MulAdd(t[0], k, pm, ref c);
            for (int j = 1; j < n; j++)
            {
                t[j - 1] = MulAdd(t[j], k, Unsafe.Add(ref pm, j), ref c);
            }
            t[n - 1] = t[n] + c;
            t[n] = t[n + 1] + (t[n - 1] < c ? 1UL : 0UL);
        }
        FinalSubtract(t, t[n], ref pm, ref r, n);
    }

    /// <summary>r = a*b/R and s = c*d/R mod m for n limbs, two products interleaved for instruction-level parallelism.</summary>
    internal static void Mul2(ref readonly ulong a, ref readonly ulong b, ref readonly ulong c, ref readonly ulong d, ref readonly ulong m, ulong mInv, ref ulong r, ref ulong s, int n)
    {
        switch (n)
        {
            case 8: Mul2x8(in a, in b, in c, in d, in m, mInv, ref r, ref s); return;
            case 16: Mul2x16(in a, in b, in c, in d, in m, mInv, ref r, ref s); return;
            case 24: Mul2x24(in a, in b, in c, in d, in m, mInv, ref r, ref s); return;
        }
        Span<ulong> t = stackalloc ulong[MaxLimbs];
        Mul(in c, in d, in m, mInv, ref MemoryMarshal.GetReference(t), n);
        Mul(in a, in b, in m, mInv, ref r, n);
        t[..n].CopyTo(MemoryMarshal.CreateSpan(ref s, n));
    }

    /// <summary>r = a^2/R mod m for n limbs.</summary>
    internal static void Sqr(ref readonly ulong a, ref readonly ulong m, ulong mInv, ref ulong r, int n)
    {
        switch (n)
        {
            case 8: Sqr8(in a, in m, mInv, ref r); return;
            case 16: Sqr16(in a, in m, mInv, ref r); return;
            case 24: Sqr24(in a, in m, mInv, ref r); return;
        }
        Mul(in a, in a, in m, mInv, ref r, n);
    }

    /// <summary>Writes t - m to r unless t (with its extra top word) is already below m; branch-free.</summary>
    private static void FinalSubtract(Span<ulong> t, ulong top, ref ulong pm, ref ulong r, int n)
    {
        Span<ulong> d = stackalloc ulong[MaxLimbs];
        ulong borrow = 0;
        for (int j = 0; j < n; j++)
        {
            d[j] = SubBorrow(t[j], Unsafe.Add(ref pm, j), ref borrow);
        }
        ulong keep = 0UL - (borrow & (top ^ 1));
        for (int j = 0; j < n; j++)
        {
            Unsafe.Add(ref r, j) = (t[j] & keep) | (d[j] & ~keep);
        }
    }

    /// <summary>r = a + b mod m (a, b below m).</summary>
    internal static void Add(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ref ulong r, int n)
    {
        switch (n)
        {
            case 8: Add8(in a, in b, in m, ref r); return;
            case 16: Add16(in a, in b, in m, ref r); return;
            case 24: Add24(in a, in b, in m, ref r); return;
        }
        Span<ulong> s = stackalloc ulong[MaxLimbs];
        ulong carry = 0;
        for (int j = 0; j < n; j++)
        {
            s[j] = AddCarry(Unsafe.Add(ref Unsafe.AsRef(in a), j), Unsafe.Add(ref Unsafe.AsRef(in b), j), ref carry);
        }
        FinalSubtract(s, carry, ref Unsafe.AsRef(in m), ref r, n);
    }

    /// <summary>r = a - b mod m (a, b below m).</summary>
    internal static void Sub(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ref ulong r, int n)
    {
        switch (n)
        {
            case 8: Sub8(in a, in b, in m, ref r); return;
            case 16: Sub16(in a, in b, in m, ref r); return;
            case 24: Sub24(in a, in b, in m, ref r); return;
        }
        Span<ulong> s = stackalloc ulong[MaxLimbs];
        ulong borrow = 0;
        for (int j = 0; j < n; j++)
        {
            s[j] = SubBorrow(Unsafe.Add(ref Unsafe.AsRef(in a), j), Unsafe.Add(ref Unsafe.AsRef(in b), j), ref borrow);
        }
        // Add m back when the difference wrapped.
        ulong mask = 0UL - borrow;
        ulong carry = 0;
        for (int j = 0; j < n; j++)
        {
            Unsafe.Add(ref r, j) = AddCarry(s[j], Unsafe.Add(ref Unsafe.AsRef(in m), j) & mask, ref carry);
        }
    }

    /// <summary>A non-negative integer as little-endian limbs, as many as it needs (at least one).</summary>
    internal static ulong[] ToLimbs(BigInteger v) => ToLimbs(v, Math.Max(1, (int)((v.GetBitLength() + 63) / 64)));

    /// <summary>A non-negative integer below 2^(64*limbs) as exactly <paramref name="limbs"/> little-endian limbs.</summary>
    internal static ulong[] ToLimbs(BigInteger v, int limbs)
    {
        var result = new ulong[limbs];
        byte[] bytes = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, Math.Max(bytes.Length, limbs * 8));
        for (int i = 0; i < limbs; i++)
        {
            result[i] = BitConverter.ToUInt64(bytes, 8 * i);
        }
        return result;
    }

    /// <summary>Returns -m^-1 mod 2^64 for odd m0 (Newton iteration).</summary>
    internal static ulong NegativeInverse(ulong m0)
    {
        ulong x = 1;
        for (int i = 0; i < 6; i++)
        {
            x *= 2 - m0 * x;
        }
        return 0UL - x;
    }

    /// <summary>Compares a and b (n limbs) as unsigned integers: -1, 0 or 1. Not constant-time.</summary>
    internal static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int n)
    {
        for (int j = n - 1; j >= 0; j--)
        {
            if (a[j] != b[j])
            {
                return a[j] < b[j] ? -1 : 1;
            }
        }
        return 0;
    }
}
