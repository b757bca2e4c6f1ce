using System.Numerics;
using MedChain.Crypto.Arithmetic;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto;

/// <summary>
/// A point of G1, the order-r subgroup of E(F_q), in affine form. Immutable. The paper writes G1
/// multiplicatively (g^x, u^h*v*d); here the group law is written additively: g^x is
/// <c>x * g</c> and u^h*v*d is <c>h*u + v + d</c>. Instances come from a <see cref="PairingGroup"/>
/// (hashing, decoding, arithmetic), so every instance is a valid element of G1.
/// </summary>
public sealed class G1Point : IEquatable<G1Point>
{
    private readonly G1Affine _p;

    internal G1Point(PairingGroup group, in G1Affine p)
    {
        Group = group;
        _p = p;
    }

    /// <summary>The group this point belongs to.</summary>
    public PairingGroup Group { get; }

    /// <summary>True for the point at infinity, the identity of G1.</summary>
    public bool IsIdentity => _p.Infinity;

    /// <summary>The affine x coordinate (0 for the identity).</summary>
    public BigInteger X => Group.Curve.Fq.ToBigInteger(in _p.X);

    /// <summary>The affine y coordinate (0 for the identity).</summary>
    public BigInteger Y => Group.Curve.Fq.ToBigInteger(in _p.Y);

    internal ref readonly G1Affine Affine => ref _p;

    /// <summary>this + other.</summary>
    public G1Point Add(G1Point other)
    {
        PairingGroup.RequireSameGroup(Group, other.Group);
        TypeACurve c = Group.Curve;
        c.FromAffine(in _p, out G1Jacobian a);
        c.AddMixed(in a, in other._p, out a);
        return Group.FromJacobian(in a);
    }

    /// <summary>this - other.</summary>
    public G1Point Subtract(G1Point other) => Add(other.Negate());

    /// <summary>-this.</summary>
    public G1Point Negate()
    {
        Group.Curve.Negate(in _p, out G1Affine n);
        return new G1Point(Group, in n);
    }

    /// <summary>[k]this for a secret scalar k, in constant time (the paper's this^k).</summary>
    public G1Point Multiply(Scalar k)
    {
        PairingGroup.RequireSameGroup(Group, k.Group);
        Group.Curve.Mul(in _p, k.Limbs, out G1Jacobian r);
        return Group.FromJacobian(in r);
    }

    /// <summary>[k]this for a public integer k of any size (faster, variable time: never use with secrets).</summary>
    public G1Point MultiplyPublic(BigInteger k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k.Sign, nameof(k));
        ulong[] limbs = Montgomery.ToLimbs(k);
        Group.Curve.MulVartime(in _p, limbs, out G1Jacobian r);
        return Group.FromJacobian(in r);
    }

    /// <summary>
    /// The encoding: compressed, 1 + |q| bytes: 0x02 (even y) or 0x03 (odd y), then x big-endian;
    /// uncompressed, 1 + 2|q| bytes: 0x04, x, y. The identity is 0x00 followed by zero bytes.
    /// </summary>
    public byte[] Encode(bool compressed = true)
    {
        PrimeField fq = Group.Curve.Fq;
        int n = fq.ByteLength;
        var bytes = new byte[compressed ? 1 + n : 1 + 2 * n];
        if (_p.Infinity)
        {
            return bytes;
        }
        fq.WriteBytes(in _p.X, bytes.AsSpan(1, n));
        if (compressed)
        {
            bytes[0] = fq.IsOdd(in _p.Y) ? (byte)0x03 : (byte)0x02;
        }
        else
        {
            bytes[0] = 0x04;
            fq.WriteBytes(in _p.Y, bytes.AsSpan(1 + n, n));
        }
        return bytes;
    }

    /// <summary>Same group and same point.</summary>
    public bool Equals(G1Point? other)
    {
        if (other is null || !ReferenceEquals(Group, other.Group))
        {
            return false;
        }
        if (_p.Infinity || other._p.Infinity)
        {
            return _p.Infinity == other._p.Infinity;
        }
        PrimeField fq = Group.Curve.Fq;
        return fq.Equal(in _p.X, in other._p.X) && fq.Equal(in _p.Y, in other._p.Y);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as G1Point);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, _p.Infinity ? 0 : (int)_p.X[0]);

    /// <summary>The compressed encoding in hexadecimal.</summary>
    public override string ToString() => Convert.ToHexString(Encode());

    /// <summary>a + b.</summary>
    public static G1Point operator +(G1Point a, G1Point b) => a.Add(b);

    /// <summary>a - b.</summary>
    public static G1Point operator -(G1Point a, G1Point b) => a.Subtract(b);

    /// <summary>-a.</summary>
    public static G1Point operator -(G1Point a) => a.Negate();

    /// <summary>[k]p, constant-time in k.</summary>
    public static G1Point operator *(Scalar k, G1Point p) => p.Multiply(k);
}
