using System.Numerics;
using System.Runtime.CompilerServices;
using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>
/// Group law of E: y^2 = x^3 + x over F_q (a = 1, b = 0) on <see cref="G1Jacobian"/> and
/// <see cref="G1Affine"/> points, plus the scalar multiplications built on it
/// (TypeACurve.ScalarMultiplication.cs). Formulas are the EFD's dbl-2007-bl, add-2007-bl and
/// madd-2007-bl specialised to a = 1. Exceptional cases (adding a point to itself or to its
/// negative) branch; scalar multiplication never reaches them for points of order r.
/// </summary>
internal sealed partial class TypeACurve
{
    internal TypeACurve(PairingParameters parameters)
    {
        Parameters = parameters;
        Fq = new PrimeField(parameters.Q);
        Zr = new PrimeField(parameters.R);
        Order = Montgomery.ToLimbs(parameters.R, Zr.Limbs);
        Cofactor = Montgomery.ToLimbs(parameters.H);
        OrderBits = (int)parameters.R.GetBitLength();
        CofactorBits = (int)parameters.H.GetBitLength();
    }

    /// <summary>The parameter set.</summary>
    internal PairingParameters Parameters { get; }

    /// <summary>The base field F_q.</summary>
    internal PrimeField Fq { get; }

    /// <summary>The scalar field Z_r.</summary>
    internal PrimeField Zr { get; }

    /// <summary>r as little-endian limbs.</summary>
    internal ulong[] Order { get; }

    /// <summary>h as little-endian limbs.</summary>
    internal ulong[] Cofactor { get; }

    /// <summary>Bit length of r.</summary>
    internal int OrderBits { get; }

    /// <summary>Bit length of h.</summary>
    internal int CofactorBits { get; }

    /// <summary>Sets r to the point at infinity.</summary>
    internal void Identity(out G1Jacobian r)
    {
        Unsafe.SkipInit(out r);
        r.X = Fq.One;
        r.Y = Fq.One;
        Fq.Zero(out r.Z);
    }

    /// <summary>True when p is the point at infinity.</summary>
    internal bool IsIdentity(in G1Jacobian p) => Fq.IsZero(in p.Z);

    /// <summary>Lifts an affine point to Jacobian coordinates (Z = 1).</summary>
    internal void FromAffine(in G1Affine a, out G1Jacobian r)
    {
        if (a.Infinity)
        {
            Identity(out r);
            return;
        }
        Unsafe.SkipInit(out r);
        r.X = a.X;
        r.Y = a.Y;
        r.Z = Fq.One;
    }

    /// <summary>r = 2p (dbl-2007-bl with a = 1: 1M + 8S).</summary>
    internal void Double(in G1Jacobian p, out G1Jacobian r) => Double(in p, out r, out _);

    /// <summary>
    /// r = 2p, also handing out the intermediate values the Miller loop needs for the tangent at p
    /// (see <see cref="TangentParts"/>).
    /// </summary>
    internal void Double(in G1Jacobian p, out G1Jacobian r, out TangentParts tangent)
    {
        PrimeField f = Fq;
        Unsafe.SkipInit(out tangent);
        tangent.X = p.X;
        f.Sqr2(in p.X, in p.Y, out FieldElement xx, out tangent.YY);
        f.Add(in p.X, in tangent.YY, out FieldElement s);
        f.Sqr2(in tangent.YY, in p.Z, out FieldElement yyyy, out tangent.ZZ);
        f.Add(in p.Y, in p.Z, out FieldElement z3);
        f.Sqr2(in s, in tangent.ZZ, out s, out tangent.M);
        f.Sub(in s, in xx, out s);
        f.Sub(in s, in yyyy, out s);
        f.Double(in s, out s);
        f.Add(in tangent.M, in xx, out tangent.M);
        f.Double(in xx, out xx);
        f.Add(in tangent.M, in xx, out tangent.M);
        f.Sqr2(in z3, in tangent.M, out z3, out FieldElement t);
        f.Sub(in z3, in tangent.YY, out z3);
        f.Sub(in z3, in tangent.ZZ, out z3);
        f.Sub(in t, in s, out t);
        f.Sub(in t, in s, out t);
        Unsafe.SkipInit(out r);
        r.X = t;
        f.Sub(in s, in t, out s);
        f.Mul(in tangent.M, in s, out s);
        f.Double(in yyyy, out yyyy);
        f.Double(in yyyy, out yyyy);
        f.Double(in yyyy, out yyyy);
        f.Sub(in s, in yyyy, out r.Y);
        r.Z = z3;
    }

    /// <summary>r = p + q for Jacobian p and q (add-2007-bl: 11M + 5S).</summary>
    internal void Add(in G1Jacobian p, in G1Jacobian q, out G1Jacobian r)
    {
        PrimeField f = Fq;
        if (IsIdentity(in p))
        {
            r = q;
            return;
        }
        if (IsIdentity(in q))
        {
            r = p;
            return;
        }
        f.Sqr(in p.Z, out FieldElement z1z1);
        f.Sqr(in q.Z, out FieldElement z2z2);
        f.Mul(in p.X, in z2z2, out FieldElement u1);
        f.Mul(in q.X, in z1z1, out FieldElement u2);
        f.Mul(in p.Y, in q.Z, out FieldElement s1);
        f.Mul(in s1, in z2z2, out s1);
        f.Mul(in q.Y, in p.Z, out FieldElement s2);
        f.Mul(in s2, in z1z1, out s2);
        f.Sub(in u2, in u1, out FieldElement h);
        f.Sub(in s2, in s1, out FieldElement rr);
        if (f.IsZero(in h))
        {
            if (f.IsZero(in rr))
            {
                Double(in p, out r);
            }
            else
            {
                Identity(out r);
            }
            return;
        }
        f.Double(in rr, out rr);
        f.Double(in h, out FieldElement i);
        f.Sqr(in i, out i);
        f.Mul(in h, in i, out FieldElement j);
        f.Mul(in u1, in i, out FieldElement v);
        f.Add(in p.Z, in q.Z, out FieldElement z3);
        f.Sqr(in z3, out z3);
        f.Sub(in z3, in z1z1, out z3);
        f.Sub(in z3, in z2z2, out z3);
        f.Mul(in z3, in h, out z3);
        f.Sqr(in rr, out FieldElement x3);
        f.Sub(in x3, in j, out x3);
        f.Sub(in x3, in v, out x3);
        f.Sub(in x3, in v, out x3);
        f.Sub(in v, in x3, out v);
        f.Mul(in rr, in v, out v);
        f.Mul(in s1, in j, out s1);
        f.Double(in s1, out s1);
        Unsafe.SkipInit(out r);
        f.Sub(in v, in s1, out r.Y);
        r.X = x3;
        r.Z = z3;
    }

    /// <summary>r = p + q for Jacobian p and affine q (madd-2007-bl: 7M + 4S).</summary>
    internal void AddMixed(in G1Jacobian p, in G1Affine q, out G1Jacobian r) => AddMixed(in p, in q, out r, out _);

    /// <summary>
    /// r = p + q, also handing out the values the Miller loop needs for the chord through p and q
    /// (see <see cref="ChordParts"/>; only meaningful when p, q and p + q are not O).
    /// </summary>
    internal void AddMixed(in G1Jacobian p, in G1Affine q, out G1Jacobian r, out ChordParts chord)
    {
        PrimeField f = Fq;
        Unsafe.SkipInit(out chord);
        if (q.Infinity)
        {
            r = p;
            return;
        }
        if (IsIdentity(in p))
        {
            FromAffine(in q, out r);
            return;
        }
        f.Sqr(in p.Z, out FieldElement z1z1);
        f.Mul(in q.X, in z1z1, out FieldElement u2);
        f.Mul(in q.Y, in p.Z, out FieldElement s2);
        f.Mul(in s2, in z1z1, out s2);
        f.Sub(in u2, in p.X, out FieldElement h);
        f.Sub(in s2, in p.Y, out chord.R);
        if (f.IsZero(in h))
        {
            if (f.IsZero(in chord.R))
            {
                Double(in p, out r);
            }
            else
            {
                Identity(out r);
            }
            return;
        }
        f.Double(in chord.R, out chord.R);
        f.Sqr(in h, out FieldElement hh);
        f.Double(in hh, out FieldElement i);
        f.Double(in i, out i);
        f.Mul(in h, in i, out FieldElement j);
        f.Mul(in p.X, in i, out FieldElement v);
        f.Add(in p.Z, in h, out chord.Z3);
        f.Sqr(in chord.Z3, out chord.Z3);
        f.Sub(in chord.Z3, in z1z1, out chord.Z3);
        f.Sub(in chord.Z3, in hh, out chord.Z3);
        f.Sqr(in chord.R, out FieldElement x3);
        f.Sub(in x3, in j, out x3);
        f.Sub(in x3, in v, out x3);
        f.Sub(in x3, in v, out x3);
        f.Sub(in v, in x3, out v);
        f.Mul(in chord.R, in v, out v);
        f.Mul(in p.Y, in j, out j);
        f.Double(in j, out j);
        Unsafe.SkipInit(out r);
        f.Sub(in v, in j, out r.Y);
        r.X = x3;
        r.Z = chord.Z3;
    }

    /// <summary>r = -p.</summary>
    internal void Negate(in G1Jacobian p, out G1Jacobian r)
    {
        Unsafe.SkipInit(out r);
        r.X = p.X;
        Fq.Neg(in p.Y, out r.Y);
        r.Z = p.Z;
    }

    /// <summary>r = -p for an affine point.</summary>
    internal void Negate(in G1Affine p, out G1Affine r)
    {
        Unsafe.SkipInit(out r);
        r.X = p.X;
        Fq.Neg(in p.Y, out r.Y);
        r.Infinity = p.Infinity;
    }

    /// <summary>Converts to affine coordinates (one blinded inversion).</summary>
    internal void ToAffine(in G1Jacobian p, out G1Affine r)
    {
        Unsafe.SkipInit(out r);
        if (IsIdentity(in p))
        {
            Fq.Zero(out r.X);
            Fq.Zero(out r.Y);
            r.Infinity = true;
            return;
        }
        Fq.InverseBlinded(in p.Z, out FieldElement zi);
        Fq.Sqr(in zi, out FieldElement zi2);
        Fq.Mul(in zi2, in zi, out FieldElement zi3);
        Fq.Mul(in p.X, in zi2, out r.X);
        Fq.Mul(in p.Y, in zi3, out r.Y);
        r.Infinity = false;
    }

    /// <summary>
    /// Converts many points to affine with one inversion (Montgomery's trick). The inversion is
    /// blinded, so secret-derived points are fine.
    /// </summary>
    internal void BatchToAffine(ReadOnlySpan<G1Jacobian> points, Span<G1Affine> result)
    {
        PrimeField f = Fq;
        int n = points.Length;
        var prefix = new FieldElement[n];
        FieldElement acc = f.One;
        for (int i = 0; i < n; i++)
        {
            prefix[i] = acc;
            if (!IsIdentity(in points[i]))
            {
                f.Mul(in acc, in points[i].Z, out acc);
            }
        }
        f.InverseBlinded(in acc, out FieldElement inv);
        for (int i = n - 1; i >= 0; i--)
        {
            ref G1Affine r = ref result[i];
            if (IsIdentity(in points[i]))
            {
                f.Zero(out r.X);
                f.Zero(out r.Y);
                r.Infinity = true;
                continue;
            }
            f.Mul(in inv, in prefix[i], out FieldElement zi);
            f.Mul(in inv, in points[i].Z, out inv);
            f.Sqr(in zi, out FieldElement zi2);
            f.Mul(in zi2, in zi, out FieldElement zi3);
            f.Mul(in points[i].X, in zi2, out r.X);
            f.Mul(in points[i].Y, in zi3, out r.Y);
            r.Infinity = false;
        }
    }

    /// <summary>True when the affine point satisfies y^2 = x^3 + x (the point at infinity counts).</summary>
    internal bool IsOnCurve(in G1Affine p)
    {
        if (p.Infinity)
        {
            return true;
        }
        Fq.Sqr(in p.Y, out FieldElement lhs);
        RightHandSide(in p.X, out FieldElement rhs);
        return Fq.Equal(in lhs, in rhs);
    }

    /// <summary>r = x^3 + x.</summary>
    internal void RightHandSide(in FieldElement x, out FieldElement r)
    {
        Fq.Sqr(in x, out FieldElement x2);
        Fq.Add(in x2, in Fq.One, out x2);
        Fq.Mul(in x2, in x, out r);
    }

    /// <summary>True when p and q are the same point (compares cross-multiplied coordinates).</summary>
    internal bool Equal(in G1Jacobian p, in G1Jacobian q)
    {
        bool pi = IsIdentity(in p);
        bool qi = IsIdentity(in q);
        if (pi || qi)
        {
            return pi == qi;
        }
        PrimeField f = Fq;
        f.Sqr(in p.Z, out FieldElement z1z1);
        f.Sqr(in q.Z, out FieldElement z2z2);
        f.Mul(in p.X, in z2z2, out FieldElement u1);
        f.Mul(in q.X, in z1z1, out FieldElement u2);
        f.Mul(in z2z2, in q.Z, out z2z2);
        f.Mul(in z1z1, in p.Z, out z1z1);
        f.Mul(in p.Y, in z2z2, out FieldElement s1);
        f.Mul(in q.Y, in z1z1, out FieldElement s2);
        return f.Equal(in u1, in u2) & f.Equal(in s1, in s2);
    }
}
