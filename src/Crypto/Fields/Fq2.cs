using System.Runtime.CompilerServices;

namespace MedChain.Crypto.Fields;

/// <summary>
/// An element Re + Im*i of F_q2 = F_q[i]/(i^2 + 1) (i^2 = -1 needs q = 3 mod 4). The target
/// group GT of the pairing is the order-r subgroup of the norm-1 elements of F_q2*.
/// </summary>
internal struct Fq2
{
    /// <summary>The real part.</summary>
    internal FieldElement Re;

    /// <summary>The coefficient of i.</summary>
    internal FieldElement Im;

    /// <summary>r = 1.</summary>
    internal static void One(PrimeField f, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        r.Re = f.One;
        f.Zero(out r.Im);
    }

    /// <summary>r = a + b.</summary>
    internal static void Add(PrimeField f, in Fq2 a, in Fq2 b, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        f.Add(in a.Re, in b.Re, out r.Re);
        f.Add(in a.Im, in b.Im, out r.Im);
    }

    /// <summary>r = a - b.</summary>
    internal static void Sub(PrimeField f, in Fq2 a, in Fq2 b, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        f.Sub(in a.Re, in b.Re, out r.Re);
        f.Sub(in a.Im, in b.Im, out r.Im);
    }

    /// <summary>r = a*b by Karatsuba: three F_q multiplications.</summary>
    internal static void Mul(PrimeField f, in Fq2 a, in Fq2 b, out Fq2 r)
    {
        f.Mul2(in a.Re, in b.Re, in a.Im, in b.Im, out FieldElement t0, out FieldElement t1);
        f.Add(in a.Re, in a.Im, out FieldElement sa);
        f.Add(in b.Re, in b.Im, out FieldElement sb);
        f.Mul(in sa, in sb, out FieldElement s);
        Unsafe.SkipInit(out r);
        f.Sub(in s, in t0, out s);
        f.Sub(in s, in t1, out r.Im);
        f.Sub(in t0, in t1, out r.Re);
    }

    /// <summary>r = a^2 = (Re+Im)(Re-Im) + 2*Re*Im*i: two F_q multiplications.</summary>
    internal static void Sqr(PrimeField f, in Fq2 a, out Fq2 r)
    {
        f.Add(in a.Re, in a.Im, out FieldElement s);
        f.Sub(in a.Re, in a.Im, out FieldElement d);
        Unsafe.SkipInit(out r);
        f.Mul2(in a.Re, in a.Im, in s, in d, out FieldElement p, out r.Re);
        f.Double(in p, out r.Im);
    }

    /// <summary>
    /// r = a^2 for a of norm 1 (Re^2 + Im^2 = 1, every element of GT): Re' = 2Re^2 - 1 and
    /// Im' = (Re+Im)^2 - 1, two F_q squarings.
    /// </summary>
    internal static void SqrNormOne(PrimeField f, in Fq2 a, out Fq2 r)
    {
        f.Add(in a.Re, in a.Im, out FieldElement s);
        f.Sqr2(in a.Re, in s, out FieldElement re2, out FieldElement s2);
        Unsafe.SkipInit(out r);
        f.Double(in re2, out re2);
        f.Sub(in re2, in f.One, out r.Re);
        f.Sub(in s2, in f.One, out r.Im);
    }

    /// <summary>r = Re - Im*i (the q-power Frobenius; the inverse for norm-1 elements).</summary>
    internal static void Conjugate(PrimeField f, in Fq2 a, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        r.Re = a.Re;
        f.Neg(in a.Im, out r.Im);
    }

    /// <summary>r = 1/a = conj(a)/(Re^2 + Im^2); the single F_q inversion is blinded.</summary>
    internal static void Inverse(PrimeField f, in Fq2 a, out Fq2 r)
    {
        Norm(f, in a, out FieldElement norm);
        f.InverseBlinded(in norm, out FieldElement inv);
        Unsafe.SkipInit(out r);
        f.Mul2(in a.Re, in inv, in a.Im, in inv, out r.Re, out FieldElement im);
        f.Neg(in im, out r.Im);
    }

    /// <summary>The norm Re^2 + Im^2 = a*conj(a), an element of F_q.</summary>
    internal static void Norm(PrimeField f, in Fq2 a, out FieldElement r)
    {
        f.Sqr2(in a.Re, in a.Im, out FieldElement re2, out FieldElement im2);
        f.Add(in re2, in im2, out r);
    }

    /// <summary>r = a*s for s in F_q.</summary>
    internal static void MulByFq(PrimeField f, in Fq2 a, in FieldElement s, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        f.Mul2(in a.Re, in s, in a.Im, in s, out r.Re, out r.Im);
    }

    /// <summary>True when a = b (constant-time).</summary>
    internal static bool Equal(PrimeField f, in Fq2 a, in Fq2 b) =>
        f.Equal(in a.Re, in b.Re) & f.Equal(in a.Im, in b.Im);

    /// <summary>True when a = 1.</summary>
    internal static bool IsOne(PrimeField f, in Fq2 a) => f.Equal(in a.Re, in f.One) & f.IsZero(in a.Im);

    /// <summary>r = choice ? b : a, without branching on choice.</summary>
    internal static void Select(PrimeField f, in Fq2 a, in Fq2 b, bool choice, out Fq2 r)
    {
        Unsafe.SkipInit(out r);
        f.Select(in a.Re, in b.Re, choice, out r.Re);
        f.Select(in a.Im, in b.Im, choice, out r.Im);
    }
}
