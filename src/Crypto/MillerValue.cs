using MedChain.Crypto.Fields;

namespace MedChain.Crypto;

/// <summary>
/// The output of a Miller loop before the final exponentiation: pairing values that are multiplied
/// together can share one final exponentiation (<see cref="PairingGroup.FinalExponentiation"/>).
/// Obtained from <see cref="PairingGroup.MillerLoop"/> or <see cref="PreparedG1.MillerLoop"/>.
/// Only meaningful as an intermediate value; not comparable, not encodable.
/// </summary>
public sealed class MillerValue
{
    private readonly Fq2 _f;

    internal MillerValue(PairingGroup group, in Fq2 f)
    {
        Group = group;
        _f = f;
    }

    /// <summary>The group this value belongs to.</summary>
    public PairingGroup Group { get; }

    internal ref readonly Fq2 Value => ref _f;

    /// <summary>The product of two Miller values (their pairings multiply after final exponentiation).</summary>
    public MillerValue Multiply(MillerValue other)
    {
        PairingGroup.RequireSameGroup(Group, other.Group);
        Fq2.Mul(Group.Curve.Fq, in _f, in other._f, out Fq2 r);
        return new MillerValue(Group, in r);
    }
}
