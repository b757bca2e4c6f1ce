using System.Runtime.CompilerServices;
using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

internal sealed partial class TypeACurve
{
    /// <summary>Window of the constant-time and fixed-base methods.</summary>
    internal const int SecretWindow = 5;

    /// <summary>Window of the NAF for public scalars.</summary>
    internal const int PublicWindow = 5;

    /// <summary>Bits of the odd representative k' (k or k + r) that the regular recoding covers.</summary>
    internal int RegularBits => OrderBits + 1;

    /// <summary>
    /// r = [k]p for a secret scalar k in [0, r) (little-endian limbs): regular signed 5-bit windows,
    /// every table entry read on every lookup, the same operation sequence for every k. p must lie
    /// in the order-r subgroup.
    /// </summary>
    internal void Mul(in G1Affine p, ReadOnlySpan<ulong> k, out G1Jacobian r)
    {
        if (p.Infinity)
        {
            Identity(out r);
            return;
        }
        const int TableSize = 1 << (SecretWindow - 1);
        Span<G1Jacobian> jac = stackalloc G1Jacobian[TableSize];
        FromAffine(in p, out jac[0]);
        Double(in jac[0], out G1Jacobian twice);
        for (int i = 1; i < TableSize; i++)
        {
            Add(in jac[i - 1], in twice, out jac[i]);
        }
        Span<G1Affine> table = stackalloc G1Affine[TableSize];
        BatchToAffine(jac, table);

        int count = SignedWindowRecoding.RegularDigitCount(RegularBits, SecretWindow);
        Span<sbyte> digits = stackalloc sbyte[count];
        SignedWindowRecoding.Regular(k, Order, RegularBits, SecretWindow, digits);

        Lookup(table, digits[count - 1], out G1Affine entry);
        FromAffine(in entry, out G1Jacobian acc);
        for (int i = count - 2; i >= 0; i--)
        {
            for (int s = 0; s < SecretWindow; s++)
            {
                Double(in acc, out acc);
            }
            Lookup(table, digits[i], out entry);
            AddMixed(in acc, in entry, out acc);
        }
        digits.Clear();
        r = acc;
    }

    /// <summary>
    /// Reads table[|d|/2] and negates it when d &lt; 0, touching every entry (the table holds the
    /// odd multiples 1, 3, 5, ... of a point).
    /// </summary>
    internal void Lookup(ReadOnlySpan<G1Affine> table, sbyte d, out G1Affine r)
    {
        int sign = d >> 7;
        int abs = (d ^ sign) - sign;
        int index = abs >> 1;
        Unsafe.SkipInit(out r);
        r = table[0];
        for (int j = 1; j < table.Length; j++)
        {
            bool hit = j == index;
            Fq.Select(in r.X, in table[j].X, hit, out r.X);
            Fq.Select(in r.Y, in table[j].Y, hit, out r.Y);
        }
        Fq.Neg(in r.Y, out FieldElement negY);
        Fq.Select(in r.Y, in negY, sign != 0, out r.Y);
        r.Infinity = false;
    }

    /// <summary>r = [k]p for a public scalar k of any size (width-5 NAF, variable time).</summary>
    internal void MulVartime(in G1Affine p, ReadOnlySpan<ulong> k, out G1Jacobian r)
    {
        if (p.Infinity)
        {
            Identity(out r);
            return;
        }
        const int TableSize = 1 << (PublicWindow - 2);
        Span<G1Jacobian> jac = stackalloc G1Jacobian[TableSize];
        FromAffine(in p, out jac[0]);
        Double(in jac[0], out G1Jacobian twice);
        for (int i = 1; i < TableSize; i++)
        {
            Add(in jac[i - 1], in twice, out jac[i]);
        }
        Span<G1Affine> table = stackalloc G1Affine[TableSize];
        BatchToAffine(jac, table);

        Span<sbyte> naf = stackalloc sbyte[k.Length * 64 + 1];
        int n = SignedWindowRecoding.Naf(k, PublicWindow, naf);
        Identity(out G1Jacobian acc);
        for (int i = n - 1; i >= 0; i--)
        {
            Double(in acc, out acc);
            int d = naf[i];
            if (d > 0)
            {
                AddMixed(in acc, in table[d >> 1], out acc);
            }
            else if (d < 0)
            {
                Negate(in table[(-d) >> 1], out G1Affine neg);
                AddMixed(in acc, in neg, out acc);
            }
        }
        r = acc;
    }

    /// <summary>True when [r]p = O, i.e. p lies in the order-r subgroup G1.</summary>
    internal bool IsInSubgroup(in G1Affine p)
    {
        MulVartime(in p, Order, out G1Jacobian t);
        return IsIdentity(in t);
    }

    /// <summary>
    /// r = sum of [k_i]p_i for secret scalars (Straus: one shared chain of doublings, one
    /// constant-time window table per point). Points must lie in G1.
    /// </summary>
    internal void MulSum(ReadOnlySpan<G1Affine> points, ReadOnlySpan<ulong[]> scalars, out G1Jacobian r)
    {
        const int TableSize = 1 << (SecretWindow - 1);
        int m = points.Length;
        int count = SignedWindowRecoding.RegularDigitCount(RegularBits, SecretWindow);
        var tables = new G1Affine[m * TableSize];
        var digits = new sbyte[m * count];
        Span<G1Jacobian> jac = stackalloc G1Jacobian[TableSize];
        int live = 0;
        for (int t = 0; t < m; t++)
        {
            if (points[t].Infinity)
            {
                continue;
            }
            FromAffine(in points[t], out jac[0]);
            Double(in jac[0], out G1Jacobian twice);
            for (int i = 1; i < TableSize; i++)
            {
                Add(in jac[i - 1], in twice, out jac[i]);
            }
            BatchToAffine(jac, tables.AsSpan(live * TableSize, TableSize));
            SignedWindowRecoding.Regular(scalars[t], Order, RegularBits, SecretWindow, digits.AsSpan(live * count, count));
            live++;
        }
        Identity(out G1Jacobian acc);
        for (int i = count - 1; i >= 0; i--)
        {
            if (i != count - 1)
            {
                for (int s = 0; s < SecretWindow; s++)
                {
                    Double(in acc, out acc);
                }
            }
            for (int t = 0; t < live; t++)
            {
                Lookup(tables.AsSpan(t * TableSize, TableSize), digits[t * count + i], out G1Affine entry);
                AddMixed(in acc, in entry, out acc);
            }
        }
        Array.Clear(digits);
        // The regular recoding adds r to even scalars, so each term is [k_i]p_i exactly.
        r = acc;
    }
}
