using System.Runtime.CompilerServices;
using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

internal sealed partial class TypeACurve
{
    /// <summary>Window of the constant-time multi-scalar product.</summary>
    internal const int SecretWindow = 5;

    /// <summary>Window of the NAF for public scalars.</summary>
    internal const int PublicWindow = 5;

    /// <summary>Bits of the odd representative k' (k or k + r) that the regular recoding covers.</summary>
    internal int RegularBits => OrderBits + 1;

    /// <summary>
    /// r = [k]p for a secret scalar k in [0, r) (little-endian limbs), p in G1. E is the Montgomery
    /// curve B*y^2 = x^3 + A*x^2 + x with A = 0, B = 1, so this is Montgomery's x-only ladder:
    /// (X0:Z0) = [j]p and (X1:Z1) = [j+1]p for the prefix j of k, one differential addition and one
    /// doubling per bit of r, with a branch-free swap before and after deciding which is which;
    /// the same operations for every k. y is recovered at the end (Okeya-Sakurai).
    /// </summary>
    internal void Mul(in G1Affine p, ReadOnlySpan<ulong> k, out G1Jacobian r) => Ladder(in p, k, OrderBits, out r);

    /// <summary>r = [h]p for any point p of E: lands in G1 (the hash's last step).</summary>
    internal void ClearCofactor(in G1Affine p, out G1Jacobian r) => Ladder(in p, Cofactor, CofactorBits, out r);

    /// <summary>
    /// r = [k]p by the ladder over the low <paramref name="bits"/> bits of k. Also right for points
    /// outside G1 (the cofactor multiplication of hashing), unless an intermediate multiple [j]p,
    /// j &lt;= k, is O; for a point from the hash that needs its order to divide some j &lt;= h,
    /// which happens with probability below 2^-|r|.
    /// </summary>
    private void Ladder(in G1Affine p, ReadOnlySpan<ulong> k, int bits, out G1Jacobian r)
    {
        if (p.Infinity)
        {
            Identity(out r);
            return;
        }
        PrimeField f = Fq;
        FieldElement x0 = f.One;
        f.Zero(out FieldElement z0);
        FieldElement x1 = p.X;
        FieldElement z1 = f.One;
        for (int i = bits - 1; i >= 0; i--)
        {
            bool bit = ((k[i / 64] >> (i % 64)) & 1) != 0;
            Fq.ConditionalSwap(ref x0, ref x1, bit);
            Fq.ConditionalSwap(ref z0, ref z1, bit);
            LadderStep(in p.X, ref x0, ref z0, ref x1, ref z1);
            Fq.ConditionalSwap(ref x0, ref x1, bit);
            Fq.ConditionalSwap(ref z0, ref z1, bit);
        }
        RecoverY(in p, in x0, in z0, in x1, in z1, out r);
    }

    /// <summary>
    /// (X0:Z0), (X1:Z1) = 2*(X0:Z0), (X0:Z0) + (X1:Z1) where the two differ by (xP:1):
    /// doubling X = 2*(X+Z)^2*(X-Z)^2, Z = E*(2*(X-Z)^2 + E) with E = 4XZ (both scaled by 2,
    /// as a24 = (A+2)/4 = 1/2); addition X = (U+V)^2, Z = xP*(U-V)^2 with U = (X1-Z1)(X0+Z0) and
    /// V = (X1+Z1)(X0-Z0). Four paired F_q products and one single.
    /// </summary>
    private void LadderStep(in FieldElement xP, ref FieldElement x0, ref FieldElement z0, ref FieldElement x1, ref FieldElement z1)
    {
        PrimeField f = Fq;
        f.Add(in x0, in z0, out FieldElement a);
        f.Sub(in x0, in z0, out FieldElement b);
        f.Add(in x1, in z1, out FieldElement c);
        f.Sub(in x1, in z1, out FieldElement d);
        f.Mul2(in d, in a, in c, in b, out FieldElement da, out FieldElement cb);
        f.Sqr2(in a, in b, out FieldElement aa, out FieldElement bb);
        f.Add(in da, in cb, out FieldElement sum);
        f.Sub(in da, in cb, out FieldElement diff);
        f.Sqr2(in sum, in diff, out x1, out diff);
        f.Sub(in aa, in bb, out FieldElement e);
        f.Double(in bb, out FieldElement bb2);
        f.Add(in bb2, in e, out bb2);
        f.Mul2(in aa, in bb, in e, in bb2, out x0, out z0);
        f.Double(in x0, out x0);
        f.Mul(in xP, in diff, out z1);
    }

    /// <summary>
    /// From (X0:Z0) = [k]P, (X1:Z1) = [k+1]P and P = (x, y): with T1 = X0 + x*Z0, T2 = x*X0 + Z0,
    /// T3 = X0 - x*Z0, the point [k]P is (X0*W : Z1*T1*T2 - T3^2*X1 : Z0*W), W = 2y*Z0*Z1, in
    /// projective coordinates. [k+1]P = O (k = -1 mod r) makes W = 0; then [k]P = -P.
    /// </summary>
    private void RecoverY(in G1Affine p, in FieldElement x0, in FieldElement z0, in FieldElement x1, in FieldElement z1, out G1Jacobian r)
    {
        PrimeField f = Fq;
        f.Mul2(in p.X, in z0, in p.X, in x0, out FieldElement xz0, out FieldElement xx0);
        f.Add(in x0, in xz0, out FieldElement t1);
        f.Add(in xx0, in z0, out FieldElement t2);
        f.Sub(in x0, in xz0, out FieldElement t3);
        f.Mul2(in t1, in t2, in t3, in t3, out t1, out t3);
        f.Mul2(in t1, in z1, in t3, in x1, out t1, out t3);
        f.Sub(in t1, in t3, out FieldElement yProj);
        f.Mul(in p.Y, in z0, out FieldElement w);
        f.Double(in w, out w);
        f.Mul(in w, in z1, out w);
        // Projective (X : Y : Z) = (X0*W : yProj : Z0*W)  ->  Jacobian (X*Z : Y*Z^2 : Z).
        f.Mul2(in x0, in w, in z0, in w, out FieldElement xp, out FieldElement zp);
        f.Sqr(in zp, out FieldElement zp2);
        Unsafe.SkipInit(out r);
        f.Mul2(in xp, in zp, in yProj, in zp2, out r.X, out r.Y);
        r.Z = zp;
        // k = -1 mod r: the formula degenerates (W = 0); the answer is -P.
        bool minusOne = f.IsZero(in z1) & !f.IsZero(in z0);
        f.Neg(in p.Y, out FieldElement negY);
        f.Select(in r.X, in p.X, minusOne, out r.X);
        f.Select(in r.Y, in negY, minusOne, out r.Y);
        f.Select(in r.Z, in f.One, minusOne, out r.Z);
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

    /// <summary>
    /// True when [r]p = O, i.e. p lies in the order-r subgroup G1. Uses the Solinas form
    /// r = 2^exp2 + sign1*2^exp1 + sign0: exp2 doublings and two additions.
    /// </summary>
    internal bool IsInSubgroup(in G1Affine p)
    {
        if (p.Infinity)
        {
            return true;
        }
        FromAffine(in p, out G1Jacobian t);
        for (int i = 0; i < Parameters.Exp1; i++)
        {
            Double(in t, out t);
        }
        G1Jacobian middle = t;
        if (Parameters.Sign1 < 0)
        {
            Negate(in middle, out middle);
        }
        for (int i = Parameters.Exp1; i < Parameters.Exp2; i++)
        {
            Double(in t, out t);
        }
        Add(in t, in middle, out t);
        G1Affine last = p;
        if (Parameters.Sign0 < 0)
        {
            Negate(in p, out last);
        }
        AddMixed(in t, in last, out t);
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
