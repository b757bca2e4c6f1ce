using System.Runtime.CompilerServices;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Pairing;

/// <summary>
/// The reduced Tate pairing exactly as PBC defines it for Type A curves:
/// e(P, Q) = f_{r,P}(psi(Q))^((q^2 - 1)/r), with the Miller loop over the FIRST argument P, the
/// distortion map psi(x, y) = (-x, i*y) applied to the SECOND argument Q, vertical lines dropped
/// (their values at psi(Q) lie in F_q and vanish in the final exponentiation), and the final
/// exponentiation split as f^(q-1) = conj(f)/f followed by the power h = (q+1)/r.
/// The Miller loop follows the Solinas form r = 2^exp2 + sign1*2^exp1 + sign0: exp2 doublings,
/// one addition of sign1*P after the doubling at position exp1, and no step for sign0 (its line
/// through +-P is vertical). Several pairs share one loop and one final exponentiation.
/// </summary>
internal sealed class TatePairing
{
    private readonly TypeACurve _curve;
    private readonly PrimeField _fq;

    private readonly FieldElement _half;
    private readonly FieldElement _minusEighth;

    internal TatePairing(TypeACurve curve)
    {
        _curve = curve;
        _fq = curve.Fq;
        Gt = new GtArithmetic(curve);
        _fq.FromUInt64(2, out FieldElement two);
        _fq.Inverse(in two, out _half);
        _fq.FromUInt64(8, out FieldElement eight);
        _fq.Inverse(in eight, out FieldElement eighth);
        _fq.Neg(in eighth, out _minusEighth);
    }

    /// <summary>Arithmetic in the target group.</summary>
    internal GtArithmetic Gt { get; }

    /// <summary>
    /// f = product over k of f_{r,P_k}(psi(Q_k)), the Miller values before final exponentiation.
    /// Pairs with P_k or Q_k at infinity contribute 1.
    /// </summary>
    internal void MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G1Affine> qs, out Fq2 f)
    {
        PrimeField fq = _fq;
        int count = ps.Length;
        Span<G1Jacobian> t = stackalloc G1Jacobian[count];
        Span<G1Affine> addend = stackalloc G1Affine[count];
        Span<bool> skip = stackalloc bool[count];
        for (int k = 0; k < count; k++)
        {
            skip[k] = ps[k].Infinity || qs[k].Infinity;
            _curve.FromAffine(in ps[k], out t[k]);
            addend[k] = ps[k];
            if (_curve.Parameters.Sign1 < 0)
            {
                _curve.Negate(in ps[k], out addend[k]);
            }
        }
        Fq2.One(fq, out f);
        int exp1 = _curve.Parameters.Exp1;
        for (int i = _curve.Parameters.Exp2 - 1; i >= 0; i--)
        {
            Fq2.Sqr(fq, in f, out f);
            for (int k = 0; k < count; k++)
            {
                if (skip[k])
                {
                    continue;
                }
                _curve.Double(in t[k], out t[k], out TangentParts tp);
                // l = (M*(X + ZZ*xQ) - 2YY) + i*(Z3*ZZ*yQ) at psi(Q) = (-xQ, i*yQ).
                Unsafe.SkipInit(out Fq2 line);
                fq.Mul2(in tp.ZZ, in qs[k].X, in t[k].Z, in tp.ZZ, out line.Re, out line.Im);
                fq.Add(in line.Re, in tp.X, out line.Re);
                fq.Mul2(in line.Re, in tp.M, in line.Im, in qs[k].Y, out line.Re, out line.Im);
                fq.Double(in tp.YY, out tp.YY);
                fq.Sub(in line.Re, in tp.YY, out line.Re);
                Fq2.Mul(fq, in f, in line, out f);
            }
            if (i == exp1)
            {
                for (int k = 0; k < count; k++)
                {
                    if (skip[k])
                    {
                        continue;
                    }
                    _curve.AddMixed(in t[k], in addend[k], out t[k], out ChordParts cp);
                    ChordLine(in cp, in addend[k], in qs[k], out Fq2 line);
                    Fq2.Mul(fq, in f, in line, out f);
                }
            }
        }
    }

    /// <summary>
    /// The chord through T and P = (xP, yP) at psi(Q): (R*(xQ + xP) - Z3*yP) + i*(Z3*yQ).
    /// </summary>
    private void ChordLine(in ChordParts cp, in G1Affine p, in G1Affine q, out Fq2 line)
    {
        PrimeField fq = _fq;
        Unsafe.SkipInit(out line);
        fq.Add(in q.X, in p.X, out line.Re);
        fq.Mul(in line.Re, in cp.R, out line.Re);
        fq.Mul(in cp.Z3, in p.Y, out FieldElement zy);
        fq.Sub(in line.Re, in zy, out line.Re);
        fq.Mul(in cp.Z3, in q.Y, out line.Im);
    }

    /// <summary>
    /// r = f^((q^2 - 1)/r). First g = f^(q-1) = conj(f)^2 / N with N = f*conj(f) in F_q; g has
    /// norm 1, so g = a + b*i with a^2 + b^2 = 1. Then g^h by Lucas sequences in F_q:
    /// V_n = g^n + g^-n satisfies V_2k = V_k^2 - 2 and V_2k+1 = V_k*V_k+1 - V_1, one squaring and
    /// one multiplication per bit of h (computed together); finally Re(g^h) = V_h/2 and
    /// Im(g^h) = (V_1*V_h - 2*V_h+1)/(4b). The inversions of N and of b share one inversion of
    /// N*f0*f1, because b = -2*f0*f1/N. When f0*f1 = 0, g is +-1 and g^h = 1 (h is even).
    /// </summary>
    internal void FinalExponentiation(in Fq2 f, out Fq2 r)
    {
        PrimeField fq = _fq;
        fq.Sqr2(in f.Re, in f.Im, out FieldElement re2, out FieldElement im2);
        fq.Add(in re2, in im2, out FieldElement norm);
        fq.Mul(in f.Re, in f.Im, out FieldElement cross);
        fq.Mul(in norm, in cross, out FieldElement denominator);
        if (fq.IsZero(in denominator))
        {
            Fq2.One(fq, out r);
            return;
        }
        fq.InverseBlinded(in denominator, out FieldElement inv);
        // 1/N = inv*f0*f1 and 1/(f0*f1) = inv*N.
        fq.Mul2(in inv, in cross, in inv, in norm, out FieldElement normInv, out FieldElement crossInv);
        // V_1 = 2a = 2(f0^2 - f1^2)/N.
        fq.Sub(in re2, in im2, out FieldElement v1);
        fq.Mul(in v1, in normInv, out v1);
        fq.Double(in v1, out v1);

        fq.Double(in fq.One, out FieldElement two);
        FieldElement vk = two;
        FieldElement vk1 = v1;
        ReadOnlySpan<ulong> h = _curve.Cofactor;
        int bits = (int)_curve.Parameters.H.GetBitLength();
        for (int i = bits - 1; i >= 0; i--)
        {
            bool bit = ((h[i / 64] >> (i % 64)) & 1) != 0;
            if (bit)
            {
                fq.Mul2(in vk, in vk1, in vk1, in vk1, out vk, out vk1);
                fq.Sub(in vk, in v1, out vk);
                fq.Sub(in vk1, in two, out vk1);
            }
            else
            {
                fq.Mul2(in vk, in vk1, in vk, in vk, out vk1, out vk);
                fq.Sub(in vk1, in v1, out vk1);
                fq.Sub(in vk, in two, out vk);
            }
        }
        // Re = V_h/2; Im = (V_1*V_h - 2*V_h+1)/(4b), where 1/(4b) = -N/(8*f0*f1) = N * crossInv * (-1/8).
        Unsafe.SkipInit(out r);
        fq.Mul(in vk, in _half, out r.Re);
        fq.Mul(in v1, in vk, out FieldElement im);
        fq.Double(in vk1, out vk1);
        fq.Sub(in im, in vk1, out im);
        fq.Mul2(in im, in norm, in crossInv, in _minusEighth, out im, out FieldElement scale);
        fq.Mul(in im, in scale, out r.Im);
    }

    /// <summary>e(P, Q) for one pair.</summary>
    internal void Pair(in G1Affine p, in G1Affine q, out Fq2 r)
    {
        MillerLoop(new ReadOnlySpan<G1Affine>(in p), new ReadOnlySpan<G1Affine>(in q), out Fq2 f);
        FinalExponentiation(in f, out r);
    }
}
