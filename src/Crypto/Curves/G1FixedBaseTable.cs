using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>
/// Precomputed multiples of a base point used again and again (the scheme's g, g1, g2, public
/// keys): entry (i, j) is [(2j + 1)*2^(w*i)]P in affine form. [k]P is then one constant-time
/// lookup and one mixed addition per window of k's regular recoding, and no doubling at all.
/// </summary>
internal sealed class G1FixedBaseTable
{
    /// <summary>Window width; 2^(w-1) entries per window.</summary>
    internal const int Window = 6;
    private const int EntriesPerWindow = 1 << (Window - 1);
    private readonly TypeACurve _curve;
    private readonly G1Affine[] _table;
    private readonly int _windows;

    internal G1FixedBaseTable(TypeACurve curve, in G1Affine p)
    {
        _curve = curve;
        _windows = SignedWindowRecoding.RegularDigitCount(curve.RegularBits, Window);
        _table = new G1Affine[_windows * EntriesPerWindow];
        IsTrivial = p.Infinity;
        if (IsTrivial)
        {
            return;
        }
        var jac = new G1Jacobian[_table.Length];
        curve.FromAffine(in p, out G1Jacobian baseI);
        for (int i = 0; i < _windows; i++)
        {
            Span<G1Jacobian> row = jac.AsSpan(i * EntriesPerWindow, EntriesPerWindow);
            row[0] = baseI;
            curve.Double(in baseI, out G1Jacobian twice);
            for (int j = 1; j < EntriesPerWindow; j++)
            {
                curve.Add(in row[j - 1], in twice, out row[j]);
            }
            for (int s = 0; s < Window; s++)
            {
                curve.Double(in baseI, out baseI);
            }
        }
        curve.BatchToAffine(jac, _table);
    }

    /// <summary>True when the base is the point at infinity.</summary>
    internal bool IsTrivial { get; }

    /// <summary>r = [k]P for a secret k in [0, r) (little-endian limbs), constant-time in k.</summary>
    internal void Mul(ReadOnlySpan<ulong> k, out G1Jacobian r)
    {
        if (IsTrivial)
        {
            _curve.Identity(out r);
            return;
        }
        Span<sbyte> digits = stackalloc sbyte[_windows];
        SignedWindowRecoding.Regular(k, _curve.Order, _curve.RegularBits, Window, digits);
        _curve.Lookup(Row(_windows - 1), digits[_windows - 1], out G1Affine entry);
        _curve.FromAffine(in entry, out G1Jacobian acc);
        for (int i = _windows - 2; i >= 0; i--)
        {
            _curve.Lookup(Row(i), digits[i], out entry);
            _curve.AddMixed(in acc, in entry, out acc);
        }
        digits.Clear();
        r = acc;
    }

    private ReadOnlySpan<G1Affine> Row(int i) => _table.AsSpan(i * EntriesPerWindow, EntriesPerWindow);
}
