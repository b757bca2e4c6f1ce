using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// The Miller loop's lines for a fixed first argument P, computed once. Every line of the loop,
/// at psi(Q) = (-xQ, i*yQ), is (a*xQ + b) + i*c*yQ; dividing by c (allowed: F_q factors vanish in
/// the final exponentiation) leaves (A*xQ + B) + i*yQ with A = a/c, B = b/c. So a step costs one
/// F_q multiplication for the line and three for multiplying f by it, against the full doubling
/// and line of <see cref="TatePairing.MillerLoop"/>. All c are inverted together with one
/// inversion (Montgomery's trick).
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
        Fq2 line;
        line.Im = q.Y;
        int step = 0;
        for (int i = _curve.Parameters.Exp2 - 1; i >= 0; i--)
        {
            Fq2.Sqr(fq, in f, out f);
            fq.Mul(in _a[step], in q.X, out line.Re);
            fq.Add(in line.Re, in _b[step], out line.Re);
            Fq2.Mul(fq, in f, in line, out f);
            step++;
            if (i == _curve.Parameters.Exp1)
            {
                fq.Mul(in _a[step], in q.X, out line.Re);
                fq.Add(in line.Re, in _b[step], out line.Re);
                Fq2.Mul(fq, in f, in line, out f);
                step++;
            }
        }
    }
}
