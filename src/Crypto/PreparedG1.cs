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
    public GtElement Pair(G1Point q)
    {
        PairingGroup.RequireSameGroup(_group, q.Group);
        _lines.MillerLoop(in q.Affine, out Fq2 f);
        _group.Pairing.FinalExponentiation(in f, out Fq2 r);
        return new GtElement(_group, in r);
    }
}
