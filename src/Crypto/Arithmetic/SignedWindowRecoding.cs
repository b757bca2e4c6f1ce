namespace MedChain.Crypto.Arithmetic;

/// <summary>
/// Scalar recodings for windowed exponentiation. <see cref="Regular"/> is for secret scalars: a
/// fixed number of odd signed digits whatever the scalar, computed without branches, so that the
/// sequence of group operations is the same for every scalar. <see cref="Naf"/> (width-w NAF) is
/// for public scalars: fewer additions, variable pattern.
/// </summary>
internal static class SignedWindowRecoding
{
    /// <summary>Number of digits <see cref="Regular"/> writes for scalars below 2^bits with window w.</summary>
    internal static int RegularDigitCount(int bits, int w) => (bits + w - 1) / w;

    /// <summary>
    /// Writes digits d_i, odd and in [-(2^w - 1), 2^w - 1], with sum d_i 2^(w i) = k' where k' = k
    /// for odd k and k + order for even k (so k' = k mod order). k and order are little-endian limbs,
    /// k below order, order odd and below 2^(bits-1). Constant-time in k.
    /// </summary>
    internal static void Regular(ReadOnlySpan<ulong> k, ReadOnlySpan<ulong> order, int bits, int w, Span<sbyte> digits)
    {
        int limbs = (bits + 63) / 64 + 1;
        Span<ulong> x = stackalloc ulong[limbs];
        x.Clear();
        k.CopyTo(x);
        // Make it odd: add the (odd) order when k is even.
        ulong mask = (x[0] & 1) - 1;
        ulong carry = 0;
        for (int i = 0; i < limbs; i++)
        {
            ulong o = i < order.Length ? order[i] : 0;
            x[i] = Montgomery.AddCarry(x[i], o & mask, ref carry);
        }
        int count = RegularDigitCount(bits, w);
        if (digits.Length != count)
        {
            throw new ArgumentException($"Expected {count} digits.", nameof(digits));
        }
        ulong windowMask = (1UL << (w + 1)) - 1;
        for (int i = 0; i < count - 1; i++)
        {
            long d = (long)(x[0] & windowMask) - (1L << w);
            digits[i] = (sbyte)d;
            // x = (x - d) >> w; d is small and signed, so subtract its sign-extension limb by limb.
            ulong borrow = 0;
            ulong dd = (ulong)d;
            ulong ext = (ulong)(d >> 63);
            for (int j = 0; j < limbs; j++)
            {
                x[j] = Montgomery.SubBorrow(x[j], j == 0 ? dd : ext, ref borrow);
            }
            for (int j = 0; j < limbs - 1; j++)
            {
                x[j] = (x[j] >> w) | (x[j + 1] << (64 - w));
            }
            x[limbs - 1] >>= w;
        }
        // Each step maps x to 2*floor(x/2^(w+1)) + 1, so what is left is odd and below 2^w.
        digits[count - 1] = (sbyte)x[0];
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(x));
    }

    /// <summary>
    /// Width-w NAF of a public non-negative scalar (little-endian limbs): digits odd or zero, in
    /// [-(2^(w-1) - 1), 2^(w-1) - 1], any two non-zero digits at least w apart. Returns the digit count.
    /// </summary>
    internal static int Naf(ReadOnlySpan<ulong> k, int w, Span<sbyte> digits)
    {
        Span<ulong> x = stackalloc ulong[k.Length + 1];
        x.Clear();
        k.CopyTo(x);
        int n = 0;
        long full = 1L << w;
        long half = 1L << (w - 1);
        while (!IsZero(x))
        {
            long d = 0;
            if ((x[0] & 1) == 1)
            {
                d = (long)(x[0] & (ulong)(full - 1));
                if (d >= half)
                {
                    d -= full;
                }
                ulong borrow = 0;
                ulong ext = (ulong)(d >> 63);
                for (int j = 0; j < x.Length; j++)
                {
                    x[j] = Montgomery.SubBorrow(x[j], j == 0 ? (ulong)d : ext, ref borrow);
                }
            }
            digits[n++] = (sbyte)d;
            for (int j = 0; j < x.Length - 1; j++)
            {
                x[j] = (x[j] >> 1) | (x[j + 1] << 63);
            }
            x[^1] >>= 1;
        }
        return n;
    }

    private static bool IsZero(ReadOnlySpan<ulong> x)
    {
        foreach (ulong v in x)
        {
            if (v != 0)
            {
                return false;
            }
        }
        return true;
    }
}
