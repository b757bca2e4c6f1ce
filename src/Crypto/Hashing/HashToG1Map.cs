using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Hashing;

/// <summary>
/// MedChain's hash onto G1 (not PBC's try-and-increment, whose loop count depends on the data):
/// x = expand_message_xmd(message, DST) read as an integer mod q, with 128 extra bits so the bias
/// is below 2^-128. For f(x) = x^3 + x, f(-x) = -f(x) and -1 is not a square mod q, so exactly one
/// of f(x), f(-x) is a square when f(x) != 0; one exponentiation s = f(x)^((q+1)/4) tells which
/// (s^2 = f(x) or s^2 = -f(x)) and is the square root either way. The point (+-x, s), with the even
/// root, is multiplied by the cofactor h. Deterministic, the same operations for every input.
/// x = 0 gives the 2-torsion point (0, 0) and so the identity; that happens with probability 1/q.
/// </summary>
internal static class HashToG1Map
{
    /// <summary>r = H1(message) under the domain separation tag dst.</summary>
    internal static void Hash(TypeACurve curve, ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, out G1Jacobian r)
    {
        PrimeField fq = curve.Fq;
        Span<byte> uniform = stackalloc byte[fq.ByteLength + 16];
        ExpandMessage.Xmd(message, dst, uniform);
        fq.FromBytesReduced(uniform, out FieldElement x);

        curve.RightHandSide(in x, out FieldElement fx);
        bool isSquare = fq.Sqrt(in fx, out FieldElement s);
        fq.Neg(in x, out FieldElement negX);
        G1Affine p;
        p.Infinity = false;
        fq.Select(in negX, in x, isSquare, out p.X);
        fq.Neg(in s, out FieldElement negS);
        fq.Select(in s, in negS, fq.IsOdd(in s), out p.Y);
        curve.ClearCofactor(in p, out r);
    }
}
