using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>
/// A point of E: y^2 = x^3 + x in Jacobian coordinates: (X, Y, Z) stands for the affine point
/// (X/Z^2, Y/Z^3); Z = 0 is the point at infinity O.
/// </summary>
internal struct G1Jacobian
{
    internal FieldElement X;
    internal FieldElement Y;
    internal FieldElement Z;
}
