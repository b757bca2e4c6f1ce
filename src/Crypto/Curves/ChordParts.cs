using MedChain.Crypto.Fields;

namespace MedChain.Crypto.Curves;

/// <summary>
/// What mixed addition T + P computes anyway and the chord through T and P = (xP, yP) needs:
/// R = 2(yP*Z^3 - Y) and Z3 = 2Z(xP*Z^2 - X). The chord scaled by Z3 is
/// l(x, y) = Z3*(y - yP) - R*(x - xP).
/// </summary>
internal struct ChordParts
{
    internal FieldElement R;
    internal FieldElement Z3;
}
