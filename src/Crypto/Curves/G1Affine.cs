using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>An affine point (X, Y) of E, or the point at infinity when <see cref="Infinity"/> is set.</summary>
internal struct G1Affine
{
    internal FieldElement X;
    internal FieldElement Y;
    internal bool Infinity;
}
