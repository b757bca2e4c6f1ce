using MedChain.Crypto.Fields;
using MedChain.Crypto.Pairing;

namespace MedChain.Crypto;

/// <summary>
/// A GT element with precomputed powers (<see cref="PairingGroup.CreateFixedBase(GtElement)"/>), such
/// as e(g, g) or e(g, g2) in the scheme. Immutable, thread-safe.
/// </summary>
public sealed class GtFixedBase
{
    private readonly PairingGroup _group;
    private readonly GtFixedBaseTable _table;

    internal GtFixedBase(PairingGroup group, GtFixedBaseTable table)
    {
        _group = group;
        _table = table;
    }

    /// <summary>g^k for a secret k, in constant time.</summary>
    public GtElement Pow(Scalar k)
    {
        PairingGroup.RequireSameGroup(_group, k.Group);
        _table.Pow(k.Limbs, out Fq2 r);
        return new GtElement(_group, in r);
    }
}
