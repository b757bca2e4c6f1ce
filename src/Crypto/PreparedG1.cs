using MedChain.Crypto.Fields;
using MedChain.Crypto.Pairing;

namespace MedChain.Crypto;

/// <summary>
/// A first pairing argument with its Miller loop lines precomputed (<see cref="PairingGroup.Prepare"/>),
/// for arguments paired again and again (the generator g, public keys). Immutable and thread-safe.
/// </summary>
public sealed class PreparedG1
{
    private readonly PairingGroup _group;
    private readonly PreparedLines _lines;

    internal PreparedG1(PairingGroup group, PreparedLines lines)
    {
        _group = group;
        _lines = lines;
    }

    /// <summary>e(P, q) for the prepared P; equal to <see cref="PairingGroup.Pair"/>.</summary>
    public GtElement Pair(G1Point q) => _group.FinalExponentiation(MillerLoop(q));

    /// <summary>The Miller loop of e(P, q) from the stored lines, for products sharing one final exponentiation.</summary>
    public MillerValue MillerLoop(G1Point q)
    {
        PairingGroup.RequireSameGroup(_group, q.Group);
        _lines.MillerLoop(in q.Affine, out Fq2 f);
        return new MillerValue(_group, in f);
    }
}
