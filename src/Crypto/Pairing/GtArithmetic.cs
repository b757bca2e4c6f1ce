using System.Runtime.CompilerServices;
using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// The target group GT: the order-r subgroup of the norm-1 elements of F_q2*. Its elements
/// satisfy g^q = conj(g) = g^-1, so inversion is free, squaring costs two F_q squarings
/// (<see cref="Fq2.SqrNormOne"/>), and g is determined by its trace up to conjugation, which the
/// Lucas ladder of <see cref="Pow"/> exploits.
/// </summary>
internal sealed class GtArithmetic
{
    private const int Window = 5;
    private readonly TypeACurve _curve;
    private readonly PrimeField _fq;

    private readonly FieldElement _half;

    internal GtArithmetic(TypeACurve curve)
    {
        _curve = curve;
        _fq = curve.Fq;
        _fq.FromUInt64(2, out FieldElement two);
        _fq.Inverse(in two, out _half);
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
    /// r = g^k for a secret k in [0, r) (little-endian limbs), g in GT. Lucas ladder on the traces
    /// V_n = g^n + g^-n = 2*Re(g^n): the pair (V_k, V_k+1) steps to (V_2k, V_2k+1) or
    /// (V_2k+1, V_2k+2) by one squaring and one multiplication (computed together), with a
    /// branch-free swap before and after each step deciding which; the same operations for every
    /// k. Then Re(g^k) = V_k/2 and Im(g^k) = (V_1*V_k - 2*V_k+1)/(4*Im(g)); Im(g) = 0 only for g = 1.
    /// </summary>
    internal void Pow(in Fq2 g, ReadOnlySpan<ulong> k, out Fq2 r)
    {
        PrimeField fq = _fq;
        if (fq.IsZero(in g.Im))
        {
            Fq2.One(fq, out r);
            return;
        }
        fq.Double(in g.Re, out FieldElement v1);
        fq.Double(in fq.One, out FieldElement two);
        FieldElement x0 = two;
        FieldElement x1 = v1;
        for (int i = _curve.OrderBits - 1; i >= 0; i--)
        {
            bool bit = ((k[i / 64] >> (i % 64)) & 1) != 0;
            _fq.ConditionalSwap(ref x0, ref x1, bit);
            fq.Mul2(in x0, in x0, in x0, in x1, out x0, out x1);
            fq.Sub(in x0, in two, out x0);
            fq.Sub(in x1, in v1, out x1);
            _fq.ConditionalSwap(ref x0, ref x1, bit);
        }
        Unsafe.SkipInit(out r);
        fq.Mul(in x0, in _half, out r.Re);
        fq.Mul(in v1, in x0, out FieldElement im);
        fq.Double(in x1, out x1);
        fq.Sub(in im, in x1, out im);
        fq.Double(in g.Im, out FieldElement fourB);
        fq.Double(in fourB, out fourB);
        fq.InverseVartime(in fourB, out FieldElement inv);
        fq.Mul(in im, in inv, out r.Im);
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
