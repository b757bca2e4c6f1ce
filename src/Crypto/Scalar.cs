using System.Numerics;
using System.Security.Cryptography;
using MedChain.Crypto.Fields;

namespace MedChain.Crypto;

/// <summary>
/// An element of Z_r, the exponents of G1 and GT: secret keys, blinding factors, hashes to Z_r.
/// Immutable; arithmetic returns new scalars. Scalars often are secrets: <see cref="Dispose"/>
/// wipes the value, equality is constant-time, and nothing here prints the value.
/// Every operand must come from the same <see cref="PairingGroup"/>.
/// </summary>
public sealed class Scalar : IEquatable<Scalar>, IDisposable
{
    private readonly ulong[] _limbs;
    private bool _disposed;

    internal Scalar(PairingGroup group, ulong[] limbs)
    {
        Group = group;
        _limbs = limbs;
    }

    /// <summary>The group whose order r this scalar is reduced by.</summary>
    public PairingGroup Group { get; }

    /// <summary>True when the scalar is 0 (constant-time).</summary>
    public bool IsZero
    {
        get
        {
            ulong acc = 0;
            foreach (ulong l in Limbs)
            {
                acc |= l;
            }
            return acc == 0;
        }
    }

    /// <summary>The value as little-endian limbs, for the scalar multiplications.</summary>
    internal ReadOnlySpan<ulong> Limbs
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _limbs;
        }
    }

    private PrimeField Zr => Group.Curve.Zr;

    /// <summary>this + other mod r.</summary>
    public Scalar Add(Scalar other) => Binary(other, static (f, in a, in b, out r) => f.Add(in a, in b, out r));

    /// <summary>this - other mod r.</summary>
    public Scalar Subtract(Scalar other) => Binary(other, static (f, in a, in b, out r) => f.Sub(in a, in b, out r));

    /// <summary>this * other mod r.</summary>
    public Scalar Multiply(Scalar other) => Binary(other, static (f, in a, in b, out r) => f.Mul(in a, in b, out r));

    /// <summary>-this mod r.</summary>
    public Scalar Negate() => Binary(this, static (f, in a, in _, out r) => f.Neg(in a, out r));

    /// <summary>1/this mod r, in constant time (Fermat). Throws for zero, which has no inverse.</summary>
    public Scalar Invert()
    {
        if (IsZero)
        {
            throw new DivideByZeroException("Zero has no inverse modulo r.");
        }
        return Binary(this, static (f, in a, in _, out r) => f.Inverse(in a, out r));
    }

    /// <summary>Canonical big-endian encoding, <see cref="PairingGroup.ScalarLength"/> bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Group.ScalarLength];
        Zr.FromPlainLimbs(Limbs, out FieldElement m);
        Zr.WriteBytes(in m, bytes);
        return bytes;
    }

    /// <summary>The value as an integer in [0, r). BigInteger cannot be wiped: use for public scalars.</summary>
    public BigInteger ToBigInteger()
    {
        Zr.FromPlainLimbs(Limbs, out FieldElement m);
        return Zr.ToBigInteger(in m);
    }

    /// <summary>Constant-time equality of value and group.</summary>
    public bool Equals(Scalar? other)
    {
        if (other is null || !ReferenceEquals(Group, other.Group))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(Limbs),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.Limbs));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Scalar);

    /// <summary>Not derived from the value, so that hashing a secret leaks nothing.</summary>
    public override int GetHashCode() => Group.GetHashCode();

    /// <summary>Never shows the value.</summary>
    public override string ToString() => "Scalar(***)";

    /// <summary>Wipes the value; later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_limbs.AsSpan()));
        _disposed = true;
    }

    /// <summary>a + b mod r.</summary>
    public static Scalar operator +(Scalar a, Scalar b) => a.Add(b);

    /// <summary>a - b mod r.</summary>
    public static Scalar operator -(Scalar a, Scalar b) => a.Subtract(b);

    /// <summary>-a mod r.</summary>
    public static Scalar operator -(Scalar a) => a.Negate();

    /// <summary>a * b mod r.</summary>
    public static Scalar operator *(Scalar a, Scalar b) => a.Multiply(b);

    private delegate void BinaryOp(PrimeField f, in FieldElement a, in FieldElement b, out FieldElement r);

    private Scalar Binary(Scalar other, BinaryOp op)
    {
        PairingGroup.RequireSameGroup(Group, other.Group);
        PrimeField zr = Zr;
        zr.FromPlainLimbs(Limbs, out FieldElement a);
        zr.FromPlainLimbs(other.Limbs, out FieldElement b);
        op(zr, in a, in b, out FieldElement r);
        var limbs = new ulong[zr.Limbs];
        zr.ToPlainLimbs(in r, limbs);
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<FieldElement>(ref a)));
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<FieldElement>(ref b)));
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<FieldElement>(ref r)));
        return new Scalar(Group, limbs);
    }
}
