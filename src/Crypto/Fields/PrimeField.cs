using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MedChain.Crypto.Arithmetic;

namespace MedChain.Crypto.Fields;

/// <summary>
/// Arithmetic modulo an odd prime m of at most 1536 bits, on <see cref="FieldElement"/> values in
/// Montgomery form (a is stored as a*R mod m, R = 2^(64n)). Serves both F_q (the curve's base
/// field) and Z_r (scalars). Every operation allows its output to alias its inputs and allocates
/// nothing. Operations are constant-time in the element values unless their name ends in
/// <c>Vartime</c>; exponents passed to <see cref="Pow"/> are public.
/// </summary>
internal sealed class PrimeField
{
    private readonly FieldElement _modulus;
    private readonly FieldElement _one;
    private readonly FieldElement _r2;
    private readonly FieldElement _r3;
    private readonly ulong _mInv;
    private readonly ulong[] _sqrtExponent;
    private readonly ulong[] _legendreExponent;
    private readonly ulong[] _inverseExponent;

    /// <summary>Creates the field for an odd prime modulus.</summary>
    internal PrimeField(BigInteger modulus)
    {
        if (modulus < 3 || modulus.IsEven)
        {
            throw new ArgumentException("The modulus must be an odd prime.", nameof(modulus));
        }
        Modulus = modulus;
        Bits = (int)modulus.GetBitLength();
        Limbs = (Bits + 63) / 64;
        if (Limbs > Montgomery.MaxLimbs)
        {
            throw new ArgumentException($"Moduli above {64 * Montgomery.MaxLimbs} bits are not supported.", nameof(modulus));
        }
        ByteLength = (Bits + 7) / 8;
        SetLimbs(modulus, ref _modulus);
        _mInv = Montgomery.NegativeInverse(_modulus[0]);
        BigInteger r = BigInteger.One << (64 * Limbs);
        SetLimbs(r % modulus, ref _one);
        SetLimbs(r * r % modulus, ref _r2);
        SetLimbs(r * r * r % modulus, ref _r3);
        _sqrtExponent = Montgomery.ToLimbs((modulus + 1) / 4);
        _legendreExponent = Montgomery.ToLimbs((modulus - 1) / 2);
        _inverseExponent = Montgomery.ToLimbs(modulus - 2);
    }

    /// <summary>The modulus m.</summary>
    internal BigInteger Modulus { get; }

    /// <summary>Bit length of m.</summary>
    internal int Bits { get; }

    /// <summary>Number of 64-bit limbs per element.</summary>
    internal int Limbs { get; }

    /// <summary>Length of the canonical big-endian encoding of an element.</summary>
    internal int ByteLength { get; }

    /// <summary>The element 1.</summary>
    internal ref readonly FieldElement One => ref _one;

    /// <summary>Sets r to 0.</summary>
    internal void Zero(out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        for (int i = 0; i < Limbs; i++)
        {
            r[i] = 0;
        }
    }

    /// <summary>r = a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(in FieldElement a, in FieldElement b, out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        Montgomery.Add(in FieldElement.Ref(in a), in FieldElement.Ref(in b), in FieldElement.Ref(in _modulus), ref FieldElement.Ref(in r), Limbs);
    }

    /// <summary>r = a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Sub(in FieldElement a, in FieldElement b, out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        Montgomery.Sub(in FieldElement.Ref(in a), in FieldElement.Ref(in b), in FieldElement.Ref(in _modulus), ref FieldElement.Ref(in r), Limbs);
    }

    /// <summary>r = 2a.</summary>
    internal void Double(in FieldElement a, out FieldElement r) => Add(in a, in a, out r);

    /// <summary>r = -a.</summary>
    internal void Neg(in FieldElement a, out FieldElement r)
    {
        Zero(out FieldElement z);
        Sub(in z, in a, out r);
    }

    /// <summary>r = a*b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Mul(in FieldElement a, in FieldElement b, out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        Montgomery.Mul(in FieldElement.Ref(in a), in FieldElement.Ref(in b), in FieldElement.Ref(in _modulus), _mInv, ref FieldElement.Ref(in r), Limbs);
    }

    /// <summary>r = a*b and s = c*d, computed together (about 1.5x the throughput of two <see cref="Mul"/> calls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Mul2(in FieldElement a, in FieldElement b, in FieldElement c, in FieldElement d, out FieldElement r, out FieldElement s)
    {
        Unsafe.SkipInit(out r);
        Unsafe.SkipInit(out s);
        Montgomery.Mul2(in FieldElement.Ref(in a), in FieldElement.Ref(in b), in FieldElement.Ref(in c), in FieldElement.Ref(in d),
            in FieldElement.Ref(in _modulus), _mInv, ref FieldElement.Ref(in r), ref FieldElement.Ref(in s), Limbs);
    }

    /// <summary>r = a^2 and s = c^2, computed together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Sqr2(in FieldElement a, in FieldElement c, out FieldElement r, out FieldElement s) => Mul2(in a, in a, in c, in c, out r, out s);

    /// <summary>r = a^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Sqr(in FieldElement a, out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        Montgomery.Sqr(in FieldElement.Ref(in a), in FieldElement.Ref(in _modulus), _mInv, ref FieldElement.Ref(in r), Limbs);
    }

    /// <summary>True when a = 0 (constant-time).</summary>
    internal bool IsZero(in FieldElement a)
    {
        ulong acc = 0;
        for (int i = 0; i < Limbs; i++)
        {
            acc |= a[i];
        }
        return acc == 0;
    }

    /// <summary>True when a = b (constant-time).</summary>
    internal bool Equal(in FieldElement a, in FieldElement b)
    {
        ulong acc = 0;
        for (int i = 0; i < Limbs; i++)
        {
            acc |= a[i] ^ b[i];
        }
        return acc == 0;
    }

    /// <summary>r = choice ? b : a, without branching on choice.</summary>
    internal void Select(in FieldElement a, in FieldElement b, bool choice, out FieldElement r)
    {
        Unsafe.SkipInit(out r);
        ulong mask = 0UL - (ulong)(choice ? 1 : 0);
        for (int i = 0; i < Limbs; i++)
        {
            r[i] = a[i] ^ ((a[i] ^ b[i]) & mask);
        }
    }

    /// <summary>Swaps a and b when swap is true, without branching on it.</summary>
    internal void ConditionalSwap(ref FieldElement a, ref FieldElement b, bool swap)
    {
        ulong mask = 0UL - (ulong)(swap ? 1 : 0);
        for (int i = 0; i < Limbs; i++)
        {
            ulong t = (a[i] ^ b[i]) & mask;
            a[i] ^= t;
            b[i] ^= t;
        }
    }

    /// <summary>r = a^e for a public exponent e (little-endian limbs), 4-bit fixed window.</summary>
    internal void Pow(in FieldElement a, ReadOnlySpan<ulong> e, out FieldElement r)
    {
        const int Window = 4;
        Span<FieldElement> table = stackalloc FieldElement[1 << Window];
        table[0] = _one;
        table[1] = a;
        for (int i = 2; i < table.Length; i++)
        {
            Mul(in table[i - 1], in a, out table[i]);
        }
        FieldElement acc = _one;
        int bits = e.Length * 64;
        for (int i = bits - Window; i >= 0; i -= Window)
        {
            for (int s = 0; s < Window; s++)
            {
                Sqr(in acc, out acc);
            }
            int digit = (int)((e[i / 64] >> (i % 64)) & ((1 << Window) - 1));
            if (digit != 0)
            {
                Mul(in acc, in table[digit], out acc);
            }
        }
        r = acc;
    }

    /// <summary>r = 1/a by Fermat (a^(m-2)); constant-time in a. Returns 0 for a = 0.</summary>
    internal void Inverse(in FieldElement a, out FieldElement r) => Pow(in a, _inverseExponent, out r);

    /// <summary>
    /// r = 1/a by the binary GCD (<see cref="BinaryGcdInverse"/>): fast, but its running time
    /// depends on a. Callers with secret input blind it first (<see cref="InverseBlinded"/>).
    /// a must not be 0.
    /// </summary>
    internal void InverseVartime(in FieldElement a, out FieldElement r)
    {
        Span<ulong> inv = stackalloc ulong[Limbs];
        ReadOnlySpan<ulong> aLimbs = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref FieldElement.Ref(in a), Limbs);
        ReadOnlySpan<ulong> m = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref FieldElement.Ref(in _modulus), Limbs);
        // a holds A*R (Montgomery form), so the GCD yields A^-1 * R^-1.
        if (!BinaryGcdInverse.Invert(aLimbs, m, _mInv, inv, Limbs))
        {
            throw new ArgumentException("The element has no inverse.", nameof(a));
        }
        FieldElement t;
        Unsafe.SkipInit(out t);
        for (int i = 0; i < Limbs; i++)
        {
            t[i] = inv[i];
        }
        // Mont(A^-1 R^-1, R^3) = A^-1 R, the Montgomery form of A^-1.
        Mul(in t, in _r3, out r);
    }

    /// <summary>r = 1/a with the variable-time algorithm run on a*k for a fresh random k, so its timing says nothing about a.</summary>
    internal void InverseBlinded(in FieldElement a, out FieldElement r)
    {
        Random(out FieldElement k);
        Mul(in a, in k, out FieldElement ak);
        if (IsZero(in ak))
        {
            // a = 0 (k is never 0): no inverse; keep the total function 1/0 = 0.
            Zero(out r);
            return;
        }
        InverseVartime(in ak, out FieldElement inv);
        Mul(in inv, in k, out r);
    }

    /// <summary>Returns true and r = sqrt(a) when a is a square (m = 3 mod 4); constant-time in a.</summary>
    internal bool Sqrt(in FieldElement a, out FieldElement r)
    {
        Pow(in a, _sqrtExponent, out r);
        Sqr(in r, out FieldElement check);
        return Equal(in check, in a);
    }

    /// <summary>Legendre symbol of a: 1 for a non-zero square, -1 for a non-square, 0 for 0.</summary>
    internal int Legendre(in FieldElement a)
    {
        Pow(in a, _legendreExponent, out FieldElement s);
        if (IsZero(in s))
        {
            return 0;
        }
        return Equal(in s, in _one) ? 1 : -1;
    }

    /// <summary>r = v mod m, for any integer v.</summary>
    internal void FromBigInteger(BigInteger v, out FieldElement r)
    {
        v %= Modulus;
        if (v.Sign < 0)
        {
            v += Modulus;
        }
        FieldElement plain = default;
        SetLimbs(v, ref plain);
        Mul(in plain, in _r2, out r);
    }

    /// <summary>r = v for v &lt; 2^64.</summary>
    internal void FromUInt64(ulong v, out FieldElement r)
    {
        Zero(out FieldElement plain);
        plain[0] = v;
        if (Limbs == 1 && v >= _modulus[0])
        {
            plain[0] = v % _modulus[0];
        }
        Mul(in plain, in _r2, out r);
    }

    /// <summary>The integer in [0, m) that a represents.</summary>
    internal BigInteger ToBigInteger(in FieldElement a)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteBytes(in a, bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Writes the canonical big-endian encoding of a (exactly <see cref="ByteLength"/> bytes).</summary>
    internal void WriteBytes(in FieldElement a, Span<byte> destination)
    {
        if (destination.Length != ByteLength)
        {
            throw new ArgumentException($"Expected {ByteLength} bytes.", nameof(destination));
        }
        ToPlain(in a, out FieldElement plain);
        for (int i = 0; i < ByteLength; i++)
        {
            int bit = 8 * (ByteLength - 1 - i);
            destination[i] = (byte)(plain[bit / 64] >> (bit % 64));
        }
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<FieldElement>(ref plain)));
    }

    /// <summary>Reads a canonical big-endian encoding; false when the length is wrong or the value is not below m.</summary>
    internal bool TryReadBytes(ReadOnlySpan<byte> source, out FieldElement r)
    {
        Zero(out FieldElement plain);
        if (source.Length != ByteLength)
        {
            r = plain;
            return false;
        }
        for (int i = 0; i < ByteLength; i++)
        {
            int bit = 8 * (ByteLength - 1 - i);
            plain[bit / 64] |= (ulong)source[i] << (bit % 64);
        }
        Span<ulong> p = plain;
        Span<ulong> m = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref FieldElement.Ref(in _modulus), Limbs);
        if (Montgomery.Compare(p, m, Limbs) >= 0)
        {
            r = plain;
            return false;
        }
        Mul(in plain, in _r2, out r);
        return true;
    }

    /// <summary>Interprets big-endian bytes of any length as an integer and reduces it mod m.</summary>
    internal void FromBytesReduced(ReadOnlySpan<byte> source, out FieldElement r) =>
        FromBigInteger(new BigInteger(source, isUnsigned: true, isBigEndian: true), out r);

    /// <summary>r = the Montgomery form of the integer given as little-endian limbs (below m).</summary>
    internal void FromPlainLimbs(ReadOnlySpan<ulong> plain, out FieldElement r)
    {
        Zero(out FieldElement t);
        for (int i = 0; i < plain.Length; i++)
        {
            t[i] = plain[i];
        }
        Mul(in t, in _r2, out r);
    }

    /// <summary>Writes the integer a represents as little-endian limbs (<see cref="Limbs"/> of them).</summary>
    internal void ToPlainLimbs(in FieldElement a, Span<ulong> plain)
    {
        ToPlain(in a, out FieldElement t);
        for (int i = 0; i < Limbs; i++)
        {
            plain[i] = t[i];
        }
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<FieldElement>(ref t)));
    }

    /// <summary>True when the integer a represents is odd (the "sign" used by point compression).</summary>
    internal bool IsOdd(in FieldElement a)
    {
        ToPlain(in a, out FieldElement plain);
        return (plain[0] & 1) == 1;
    }

    /// <summary>A uniformly random element from the system CSPRNG (rejection sampling).</summary>
    internal void Random(out FieldElement r)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        int excessBits = 8 * ByteLength - Bits;
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[0] &= (byte)(0xFF >> excessBits);
            if (TryReadBytes(bytes, out r))
            {
                CryptographicOperations.ZeroMemory(bytes);
                return;
            }
        }
    }

    private void ToPlain(in FieldElement a, out FieldElement plain)
    {
        Zero(out FieldElement oneRaw);
        oneRaw[0] = 1;
        Mul(in a, in oneRaw, out plain);
    }

    private static void SetLimbs(BigInteger v, ref FieldElement e)
    {
        Span<byte> bytes = stackalloc byte[Montgomery.MaxLimbs * 8];
        bytes.Clear();
        if (!v.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(v));
        }
        for (int i = 0; i < Montgomery.MaxLimbs; i++)
        {
            e[i] = BitConverter.ToUInt64(bytes.Slice(8 * i, 8));
        }
    }

}
