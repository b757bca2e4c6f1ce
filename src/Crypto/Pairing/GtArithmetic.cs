using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// The target group GT: the order-r subgroup of the norm-1 elements of F_q2*. Its elements
/// satisfy g^q = conj(g) = g^-1, so inversion is free, and squaring costs two F_q squarings
/// (<see cref="Fq2.SqrNormOne"/>). Exponentiation uses signed windows for that reason.
/// </summary>
internal sealed class GtArithmetic
{
    private const int Window = 5;
    private readonly TypeACurve _curve;
    private readonly PrimeField _fq;

    internal GtArithmetic(TypeACurve curve)
    {
        _curve = curve;
        _fq = curve.Fq;
    }

    /// <summary>r = g^e for a public exponent e of any size (width-5 NAF); g must have norm 1.</summary>
    internal void PowVartime(in Fq2 g, ReadOnlySpan<ulong> e, out Fq2 r)
    {
        PrimeField fq = _fq;
        const int TableSize = 1 << (Window - 2);
        Span<Fq2> table = stackalloc Fq2[TableSize];
        OddPowers(in g, table);
        Span<sbyte> naf = stackalloc sbyte[e.Length * 64 + 1];
        int n = SignedWindowRecoding.Naf(e, Window, naf);
        Fq2.One(fq, out Fq2 acc);
        for (int i = n - 1; i >= 0; i--)
        {
            Fq2.SqrNormOne(fq, in acc, out acc);
            int d = naf[i];
            if (d > 0)
            {
                Fq2.Mul(fq, in acc, in table[d >> 1], out acc);
            }
            else if (d < 0)
            {
                Fq2.Conjugate(fq, in table[(-d) >> 1], out Fq2 inv);
                Fq2.Mul(fq, in acc, in inv, out acc);
            }
        }
        r = acc;
    }

    /// <summary>
    /// r = g^k for a secret k in [0, r) (little-endian limbs): regular signed windows, every table
    /// entry read on every lookup. g must lie in GT.
    /// </summary>
    internal void Pow(in Fq2 g, ReadOnlySpan<ulong> k, out Fq2 r)
    {
        PrimeField fq = _fq;
        const int TableSize = 1 << (Window - 1);
        Span<Fq2> table = stackalloc Fq2[TableSize];
        OddPowers(in g, table);
        int bits = _curve.RegularBits;
        int count = SignedWindowRecoding.RegularDigitCount(bits, Window);
        Span<sbyte> digits = stackalloc sbyte[count];
        SignedWindowRecoding.Regular(k, _curve.Order, bits, Window, digits);
        Lookup(table, digits[count - 1], out Fq2 acc);
        for (int i = count - 2; i >= 0; i--)
        {
            for (int s = 0; s < Window; s++)
            {
                Fq2.SqrNormOne(fq, in acc, out acc);
            }
            Lookup(table, digits[i], out Fq2 entry);
            Fq2.Mul(fq, in acc, in entry, out acc);
        }
        digits.Clear();
        r = acc;
    }

    /// <summary>Reads table[|d|/2], conjugated (inverted) when d &lt; 0, touching every entry.</summary>
    internal void Lookup(ReadOnlySpan<Fq2> table, sbyte d, out Fq2 r)
    {
        int sign = d >> 7;
        int index = ((d ^ sign) - sign) >> 1;
        r = table[0];
        for (int j = 1; j < table.Length; j++)
        {
            Fq2.Select(_fq, in r, in table[j], j == index, out r);
        }
        Fq2.Conjugate(_fq, in r, out Fq2 inv);
        Fq2.Select(_fq, in r, in inv, sign != 0, out r);
    }

    /// <summary>True when g has norm 1 and g^r = 1 (g lies in GT).</summary>
    internal bool IsInSubgroup(in Fq2 g)
    {
        Fq2.Norm(_fq, in g, out FieldElement norm);
        if (!_fq.Equal(in norm, in _fq.One))
        {
            return false;
        }
        PowVartime(in g, _curve.Order, out Fq2 t);
        return Fq2.IsOne(_fq, in t);
    }

    /// <summary>Fills table with g, g^3, g^5, ...</summary>
    private void OddPowers(in Fq2 g, Span<Fq2> table)
    {
        table[0] = g;
        Fq2.SqrNormOne(_fq, in g, out Fq2 g2);
        for (int i = 1; i < table.Length; i++)
        {
            Fq2.Mul(_fq, in table[i - 1], in g2, out table[i]);
        }
    }
}
