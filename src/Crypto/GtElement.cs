using System.Numerics;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto;

/// <summary>
/// An element of GT, the order-r subgroup of F_q2* = (F_q[i]/(i^2 + 1))* that pairings land in.
/// Immutable; written multiplicatively as in the paper. Encoded as Re || Im, 2|q| bytes.
/// </summary>
public sealed class GtElement : IEquatable<GtElement>
{
    private readonly Fq2 _v;

    internal GtElement(PairingGroup group, in Fq2 v)
    {
        Group = group;
        _v = v;
    }

    /// <summary>The group this element belongs to.</summary>
    public PairingGroup Group { get; }

    /// <summary>The real part (PBC's element_item(g, 0)).</summary>
    public BigInteger Re => Group.Curve.Fq.ToBigInteger(in _v.Re);

    /// <summary>The coefficient of i (PBC's element_item(g, 1)).</summary>
    public BigInteger Im => Group.Curve.Fq.ToBigInteger(in _v.Im);

    /// <summary>True for the identity 1.</summary>
    public bool IsOne => Fq2.IsOne(Group.Curve.Fq, in _v);

    internal ref readonly Fq2 Value => ref _v;

    /// <summary>this * other.</summary>
    public GtElement Multiply(GtElement other)
    {
        PairingGroup.RequireSameGroup(Group, other.Group);
        Fq2.Mul(Group.Curve.Fq, in _v, in other._v, out Fq2 r);
        return new GtElement(Group, in r);
    }

    /// <summary>this / other.</summary>
    public GtElement Divide(GtElement other) => Multiply(other.Invert());

    /// <summary>1/this, which in GT is the conjugate.</summary>
    public GtElement Invert()
    {
        Fq2.Conjugate(Group.Curve.Fq, in _v, out Fq2 r);
        return new GtElement(Group, in r);
    }

    /// <summary>this^k for a secret scalar k, in constant time.</summary>
    public GtElement Pow(Scalar k)
    {
        PairingGroup.RequireSameGroup(Group, k.Group);
        Group.Pairing.Gt.Pow(in _v, k.Limbs, out Fq2 r);
        return new GtElement(Group, in r);
    }

    /// <summary>Re || Im, each |q| bytes big-endian.</summary>
    public byte[] Encode()
    {
        PrimeField fq = Group.Curve.Fq;
        int n = fq.ByteLength;
        var bytes = new byte[2 * n];
        fq.WriteBytes(in _v.Re, bytes.AsSpan(0, n));
        fq.WriteBytes(in _v.Im, bytes.AsSpan(n, n));
        return bytes;
    }

    /// <summary>Same group and same value.</summary>
    public bool Equals(GtElement? other) =>
        other is not null && ReferenceEquals(Group, other.Group) && Fq2.Equal(Group.Curve.Fq, in _v, in other._v);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GtElement);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, (int)_v.Re[0]);

    /// <summary>a * b.</summary>
    public static GtElement operator *(GtElement a, GtElement b) => a.Multiply(b);

    /// <summary>a / b.</summary>
    public static GtElement operator /(GtElement a, GtElement b) => a.Divide(b);
}
