using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>
/// What doubling T = (X, Y, Z) computes anyway and the tangent at T needs: M = 3X^2 + Z^4,
/// ZZ = Z^2, YY = Y^2 and the input X. With Z3 = 2YZ (the doubled point's Z), the tangent line
/// scaled by Z3*ZZ is l(x, y) = Z3*ZZ*y - M*ZZ*x + M*X - 2YY.
/// </summary>
internal struct TangentParts
{
    internal FieldElement M;
    internal FieldElement ZZ;
    internal FieldElement YY;
    internal FieldElement X;
}
