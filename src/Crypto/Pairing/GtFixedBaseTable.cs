using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// Precomputed powers of a GT element used again and again (e(g, g), e(g, g2)): entry (i, j) is
/// g^((2j + 1)*2^(w*i)). g^k is then one constant-time lookup and one multiplication per window.
/// </summary>
internal sealed class GtFixedBaseTable
{
    private const int Window = 6;
    private const int EntriesPerWindow = 1 << (Window - 1);
    private readonly TypeACurve _curve;
    private readonly GtArithmetic _gt;
    private readonly Fq2[] _table;
    private readonly int _windows;

    internal GtFixedBaseTable(TypeACurve curve, GtArithmetic gt, in Fq2 g)
    {
        _curve = curve;
        _gt = gt;
        PrimeField fq = curve.Fq;
        _windows = SignedWindowRecoding.RegularDigitCount(curve.RegularBits, Window);
        _table = new Fq2[_windows * EntriesPerWindow];
        Fq2 baseI = g;
        for (int i = 0; i < _windows; i++)
        {
            Span<Fq2> row = _table.AsSpan(i * EntriesPerWindow, EntriesPerWindow);
            row[0] = baseI;
            Fq2.SqrNormOne(fq, in baseI, out Fq2 square);
            for (int j = 1; j < EntriesPerWindow; j++)
            {
                Fq2.Mul(fq, in row[j - 1], in square, out row[j]);
            }
            for (int s = 0; s < Window; s++)
            {
                Fq2.SqrNormOne(fq, in baseI, out baseI);
            }
        }
    }

    /// <summary>r = g^k for a secret k in [0, r) (little-endian limbs), constant-time in k.</summary>
    internal void Pow(ReadOnlySpan<ulong> k, out Fq2 r)
    {
        PrimeField fq = _curve.Fq;
        Span<sbyte> digits = stackalloc sbyte[_windows];
        SignedWindowRecoding.Regular(k, _curve.Order, _curve.RegularBits, Window, digits);
        _gt.Lookup(Row(_windows - 1), digits[_windows - 1], out Fq2 acc);
        for (int i = _windows - 2; i >= 0; i--)
        {
            _gt.Lookup(Row(i), digits[i], out Fq2 entry);
            Fq2.Mul(fq, in acc, in entry, out acc);
        }
        digits.Clear();
        r = acc;
    }

    private ReadOnlySpan<Fq2> Row(int i) => _table.AsSpan(i * EntriesPerWindow, EntriesPerWindow);
}
