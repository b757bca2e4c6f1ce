using MedChain.Crypto.Curves;

namespace MedChain.Crypto;

/// <summary>
/// A G1 base point with precomputed multiples (<see cref="PairingGroup.CreateFixedBase(G1Point)"/>):
/// [k]P costs one table lookup and addition per 6-bit window, no doublings. Immutable, thread-safe.
/// </summary>
public sealed class G1FixedBase
{
    private readonly G1FixedBaseTable _table;

    internal G1FixedBase(G1Point basePoint, G1FixedBaseTable table)
    {
        Base = basePoint;
        _table = table;
    }

    /// <summary>The base point P.</summary>
    public G1Point Base { get; }

    /// <summary>[k]P for a secret k, in constant time.</summary>
    public G1Point Multiply(Scalar k)
    {
        PairingGroup.RequireSameGroup(Base.Group, k.Group);
        _table.Mul(k.Limbs, out G1Jacobian r);
        return Base.Group.FromJacobian(in r);
    }
}
