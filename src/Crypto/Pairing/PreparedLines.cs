using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// The Miller loop's lines for a fixed first argument P, computed once. Every line of the loop,
/// at psi(Q) = (-xQ, i*yQ), is (a*xQ + b) + i*c*yQ up to a factor in F_q; dividing by c*yQ (allowed:
/// F_q factors vanish in the final exponentiation) leaves (A*u + B*v) + i with A = a/c, B = b/c,
/// u = xQ/yQ and v = 1/yQ. So each step costs two F_q multiplications for the line and two for
/// multiplying f by it, against the full doubling and line of <see cref="TatePairing.MillerLoop"/>.
/// All c are inverted together with one inversion (Montgomery's trick).
/// </summary>
internal sealed class PreparedLines
{
    private readonly TypeACurve _curve;
    private readonly FieldElement[] _a;
    private readonly FieldElement[] _b;

    internal PreparedLines(TypeACurve curve, in G1Affine p)
    {
        _curve = curve;
        PrimeField fq = curve.Fq;
        IsTrivial = p.Infinity;
        int steps = curve.Parameters.Exp2 + 1;
        _a = new FieldElement[steps];
        _b = new FieldElement[steps];
        if (IsTrivial)
        {
            return;
        }
        var c = new FieldElement[steps];
        G1Affine addend = p;
        if (curve.Parameters.Sign1 < 0)
        {
            curve.Negate(in p, out addend);
        }
        curve.FromAffine(in p, out G1Jacobian t);
        int step = 0;
        for (int i = curve.Parameters.Exp2 - 1; i >= 0; i--)
        {
            curve.Double(in t, out t, out TangentParts tp);
            // a = M*ZZ, b = M*X - 2YY, c = Z3*ZZ.
            fq.Mul(in tp.M, in tp.ZZ, out _a[step]);
            fq.Mul(in tp.M, in tp.X, out _b[step]);
            fq.Double(in tp.YY, out tp.YY);
            fq.Sub(in _b[step], in tp.YY, out _b[step]);
            fq.Mul(in t.Z, in tp.ZZ, out c[step]);
            step++;
            if (i == curve.Parameters.Exp1)
            {
                curve.AddMixed(in t, in addend, out t, out ChordParts cp);
                // a = R, b = R*xP - Z3*yP, c = Z3.
                _a[step] = cp.R;
                fq.Mul(in cp.R, in addend.X, out _b[step]);
                fq.Mul(in cp.Z3, in addend.Y, out FieldElement zy);
                fq.Sub(in _b[step], in zy, out _b[step]);
                c[step] = cp.Z3;
                step++;
            }
        }
        // Batch inversion of all c.
        var prefix = new FieldElement[steps];
        FieldElement acc = fq.One;
        for (int s = 0; s < steps; s++)
        {
            prefix[s] = acc;
            fq.Mul(in acc, in c[s], out acc);
        }
        fq.InverseBlinded(in acc, out FieldElement inv);
        for (int s = steps - 1; s >= 0; s--)
        {
            fq.Mul(in inv, in prefix[s], out FieldElement ci);
            fq.Mul(in inv, in c[s], out inv);
            fq.Mul(in _a[s], in ci, out _a[s]);
            fq.Mul(in _b[s], in ci, out _b[s]);
        }
    }

    /// <summary>True when P is the point at infinity (every pairing with it is 1).</summary>
    internal bool IsTrivial { get; }

    /// <summary>f = f_{r,P}(psi(Q)) up to a factor in F_q, from the stored lines.</summary>
    internal void MillerLoop(in G1Affine q, out Fq2 f)
    {
        PrimeField fq = _curve.Fq;
        Fq2.One(fq, out f);
        if (IsTrivial || q.Infinity)
        {
            return;
        }
        fq.InverseBlinded(in q.Y, out FieldElement v);
        fq.Mul(in q.X, in v, out FieldElement u);
        int step = 0;
        for (int i = _curve.Parameters.Exp2 - 1; i >= 0; i--)
        {
            Fq2.Sqr(fq, in f, out f);
            MulByLine(in _a[step], in _b[step], in u, in v, ref f);
            step++;
            if (i == _curve.Parameters.Exp1)
            {
                MulByLine(in _a[step], in _b[step], in u, in v, ref f);
                step++;
            }
        }
    }

    /// <summary>f = f*(w + i) with w = A*u + B*v: (f.Re*w - f.Im) + (f.Im*w + f.Re)*i.</summary>
    private void MulByLine(in FieldElement a, in FieldElement b, in FieldElement u, in FieldElement v, ref Fq2 f)
    {
        PrimeField fq = _curve.Fq;
        fq.Mul(in a, in u, out FieldElement w);
        fq.Mul(in b, in v, out FieldElement bv);
        fq.Add(in w, in bv, out w);
        fq.Mul(in f.Re, in w, out FieldElement re);
        fq.Sub(in re, in f.Im, out re);
        fq.Mul(in f.Im, in w, out FieldElement im);
        fq.Add(in im, in f.Re, out f.Im);
        f.Re = re;
    }
}
