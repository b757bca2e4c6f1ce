using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MedChain.Crypto.Curves;
using MedChain.Crypto.Encoding;
using MedChain.Crypto.Fields;
using MedChain.Crypto.Hashing;
using MedChain.Crypto.Pairing;

namespace MedChain.Crypto;

/// <summary>
/// The symmetric pairing e: G1 x G1 -> GT of one Type A parameter set, and the entry point to
/// everything built on it: scalars, points, hashing, decoding, pairings and precomputation.
/// Thread-safe (holds only read-only parameters); one instance per parameter set is enough
/// (<see cref="Level80"/>, <see cref="Level112"/>, <see cref="Level128"/>).
/// </summary>
public sealed class PairingGroup
{
    private static readonly Lazy<PairingGroup> s_level80 = new(() => new PairingGroup(PairingParameters.Level80));
    private static readonly Lazy<PairingGroup> s_level112 = new(() => new PairingGroup(PairingParameters.Level112));
    private static readonly Lazy<PairingGroup> s_level128 = new(() => new PairingGroup(PairingParameters.Level128));

    /// <summary>Creates the group for a parameter set.</summary>
    public PairingGroup(PairingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Curve = new TypeACurve(parameters);
        Pairing = new TatePairing(Curve);
        Identity = new G1Point(this, new G1Affine { Infinity = true });
        Fq2.One(Curve.Fq, out Fq2 one);
        GtOne = new GtElement(this, in one);
    }

    /// <summary>The group of the 80-bit set (PBC's a.param).</summary>
    public static PairingGroup Level80 => s_level80.Value;

    /// <summary>The group of the 112-bit set.</summary>
    public static PairingGroup Level112 => s_level112.Value;

    /// <summary>The group of the 128-bit set.</summary>
    public static PairingGroup Level128 => s_level128.Value;

    /// <summary>The parameter set.</summary>
    public PairingParameters Parameters { get; }

    /// <summary>The identity of G1 (point at infinity).</summary>
    public G1Point Identity { get; }

    /// <summary>The identity of GT.</summary>
    public GtElement GtOne { get; }

    /// <summary>Bytes of a compressed G1 encoding: 1 + |q|.</summary>
    public int G1CompressedLength => 1 + Curve.Fq.ByteLength;

    /// <summary>Bytes of an uncompressed G1 encoding: 1 + 2|q|.</summary>
    public int G1UncompressedLength => 1 + 2 * Curve.Fq.ByteLength;

    /// <summary>Bytes of a GT encoding: 2|q|.</summary>
    public int GtLength => 2 * Curve.Fq.ByteLength;

    /// <summary>Bytes of a scalar encoding: |r|.</summary>
    public int ScalarLength => Curve.Zr.ByteLength;

    internal TypeACurve Curve { get; }

    internal TatePairing Pairing { get; }

    /// <summary>The shipped group for a security level of 80, 112 or 128 bits.</summary>
    public static PairingGroup ForSecurityLevel(int bits) => bits switch
    {
        80 => Level80,
        112 => Level112,
        128 => Level128,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "Supported security levels are 80, 112 and 128."),
    };

    // ---- Scalars -------------------------------------------------------------------------

    /// <summary>A uniformly random scalar in [0, r) from the system CSPRNG.</summary>
    public Scalar RandomScalar()
    {
        PrimeField zr = Curve.Zr;
        zr.Random(out FieldElement m);
        return ScalarFrom(in m);
    }

    /// <summary>A uniformly random scalar in [1, r).</summary>
    public Scalar RandomNonZeroScalar()
    {
        while (true)
        {
            Scalar s = RandomScalar();
            if (!s.IsZero)
            {
                return s;
            }
        }
    }

    /// <summary>The scalar v mod r (for public values: constants, test vectors).</summary>
    public Scalar CreateScalar(BigInteger v)
    {
        Curve.Zr.FromBigInteger(v, out FieldElement m);
        return ScalarFrom(in m);
    }

    /// <summary>
    /// Hash to Z_r: expand_message_xmd(data, domain) to |r| + 16 bytes, reduced mod r (bias below
    /// 2^-128). Different domain tags give independent functions.
    /// </summary>
    public Scalar HashToScalar(ReadOnlySpan<byte> data, ReadOnlySpan<byte> domain)
    {
        RequireDomain(domain);
        PrimeField zr = Curve.Zr;
        Span<byte> wide = stackalloc byte[zr.ByteLength + 16];
        ExpandMessage.Xmd(data, domain, wide);
        zr.FromBytesReduced(wide, out FieldElement m);
        CryptographicOperations.ZeroMemory(wide);
        return ScalarFrom(in m);
    }

    /// <summary>Decodes a canonical scalar (|r| bytes big-endian, below r).</summary>
    /// <exception cref="EncodingException">Rejected; the exception says why.</exception>
    public Scalar DecodeScalar(ReadOnlySpan<byte> encoded, bool allowZero = true) =>
        TryDecodeScalar(encoded, out Scalar? s, out EncodingError error, allowZero) ? s : throw new EncodingException(error, "scalar");

    /// <summary>Decodes a canonical scalar; false (and why) when rejected.</summary>
    public bool TryDecodeScalar(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Scalar? scalar, out EncodingError error, bool allowZero = true)
    {
        scalar = null;
        PrimeField zr = Curve.Zr;
        if (encoded.Length != zr.ByteLength)
        {
            error = EncodingError.InvalidLength;
            return false;
        }
        if (!zr.TryReadBytes(encoded, out FieldElement m))
        {
            error = EncodingError.NonCanonical;
            return false;
        }
        if (!allowZero && zr.IsZero(in m))
        {
            error = EncodingError.Identity;
            return false;
        }
        scalar = ScalarFrom(in m);
        error = EncodingError.None;
        return true;
    }

    // ---- G1 ------------------------------------------------------------------------------

    /// <summary>
    /// H1: hashes a message onto G1 under a domain separation tag (see docs/crypto.md): a point
    /// whose discrete logarithm nobody knows. Deterministic; the same operations for every input.
    /// </summary>
    public G1Point HashToG1(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domain)
    {
        RequireDomain(domain);
        HashToG1Map.Hash(Curve, message, domain, out G1Jacobian p);
        return FromJacobian(in p);
    }

    /// <summary>A random element of G1 with unknown discrete logarithm (the hash of 32 random bytes).</summary>
    public G1Point RandomG1()
    {
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        return HashToG1(seed, "MedChain-V1-RandomG1"u8);
    }

    /// <summary>The point (x, y), checked to lie on the curve and in G1.</summary>
    /// <exception cref="EncodingException">Rejected; the exception says why.</exception>
    public G1Point CreatePoint(BigInteger x, BigInteger y)
    {
        PrimeField fq = Curve.Fq;
        if (x.Sign < 0 || y.Sign < 0 || x >= Parameters.Q || y >= Parameters.Q)
        {
            throw new EncodingException(EncodingError.NonCanonical, "G1 point");
        }
        G1Affine p;
        p.Infinity = false;
        fq.FromBigInteger(x, out p.X);
        fq.FromBigInteger(y, out p.Y);
        EncodingError error = Validate(in p, allowIdentity: false);
        return error == EncodingError.None ? new G1Point(this, in p) : throw new EncodingException(error, "G1 point");
    }

    /// <summary>Decodes a compressed or uncompressed G1 encoding (see <see cref="G1Point.Encode"/>).</summary>
    /// <exception cref="EncodingException">Rejected; the exception says why.</exception>
    public G1Point DecodeG1(ReadOnlySpan<byte> encoded, bool allowIdentity = false) =>
        TryDecodeG1(encoded, out G1Point? p, out EncodingError error, allowIdentity) ? p : throw new EncodingException(error, "G1 point");

    /// <summary>
    /// Decodes a G1 encoding and checks, in this order: length, prefix and canonical coordinates
    /// (below q), the curve equation, membership of the order-r subgroup, and the identity.
    /// </summary>
    public bool TryDecodeG1(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out G1Point? point, out EncodingError error, bool allowIdentity = false)
    {
        point = null;
        error = DecodeG1Core(encoded, out G1Affine p, allowIdentity);
        if (error != EncodingError.None)
        {
            return false;
        }
        point = new G1Point(this, in p);
        return true;
    }

    /// <summary>sum of [k_i]P_i, with one shared chain of doublings (the scheme's u^h*v*d and friends).</summary>
    public G1Point MultiplySum(ReadOnlySpan<G1Point> points, ReadOnlySpan<Scalar> scalars)
    {
        if (points.Length != scalars.Length)
        {
            throw new ArgumentException("One scalar per point.", nameof(scalars));
        }
        var affine = new G1Affine[points.Length];
        var limbs = new ulong[points.Length][];
        for (int i = 0; i < points.Length; i++)
        {
            RequireSameGroup(this, points[i].Group);
            RequireSameGroup(this, scalars[i].Group);
            affine[i] = points[i].Affine;
            limbs[i] = scalars[i].Limbs.ToArray();
        }
        Curve.MulSum(affine, limbs, out G1Jacobian r);
        foreach (ulong[] l in limbs)
        {
            Array.Clear(l);
        }
        return FromJacobian(in r);
    }

    /// <summary>Precomputes multiples of a base used for many multiplications (about 0.5 MB at level 128).</summary>
    public G1FixedBase CreateFixedBase(G1Point basePoint)
    {
        RequireSameGroup(this, basePoint.Group);
        return new G1FixedBase(basePoint, new G1FixedBaseTable(Curve, in basePoint.Affine));
    }

    // ---- GT and pairings -----------------------------------------------------------------

    /// <summary>e(p, q), the reduced Tate pairing as PBC computes it.</summary>
    public GtElement Pair(G1Point p, G1Point q)
    {
        RequireSameGroup(this, p.Group);
        RequireSameGroup(this, q.Group);
        Pairing.Pair(in p.Affine, in q.Affine, out Fq2 r);
        return new GtElement(this, in r);
    }

    /// <summary>
    /// The product of e(firsts[i], seconds[i]) with one shared Miller loop and one final
    /// exponentiation. For e(A,B) * e(C,D)^-1 pass (A, -C) and (B, D).
    /// </summary>
    public GtElement PairProduct(ReadOnlySpan<G1Point> firsts, ReadOnlySpan<G1Point> seconds) =>
        FinalExponentiation(MillerLoop(firsts, seconds));

    /// <summary>
    /// The Miller loop of the product of e(firsts[i], seconds[i]), without the final
    /// exponentiation: combine with other Miller values (<see cref="MillerValue.Multiply"/>,
    /// <see cref="PreparedG1.MillerLoop"/>), then call <see cref="FinalExponentiation"/> once.
    /// </summary>
    public MillerValue MillerLoop(ReadOnlySpan<G1Point> firsts, ReadOnlySpan<G1Point> seconds)
    {
        if (firsts.Length != seconds.Length)
        {
            throw new ArgumentException("One second argument per first argument.", nameof(seconds));
        }
        var ps = new G1Affine[firsts.Length];
        var qs = new G1Affine[firsts.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            RequireSameGroup(this, firsts[i].Group);
            RequireSameGroup(this, seconds[i].Group);
            ps[i] = firsts[i].Affine;
            qs[i] = seconds[i].Affine;
        }
        Pairing.MillerLoop(ps, qs, out Fq2 f);
        return new MillerValue(this, in f);
    }

    /// <summary>The final exponentiation f^((q^2-1)/r) that turns a (product of) Miller value(s) into a pairing value.</summary>
    public GtElement FinalExponentiation(MillerValue value)
    {
        RequireSameGroup(this, value.Group);
        Pairing.FinalExponentiation(in value.Value, out Fq2 r);
        return new GtElement(this, in r);
    }

    /// <summary>Precomputes the Miller loop lines of a first argument used in many pairings.</summary>
    public PreparedG1 Prepare(G1Point first)
    {
        RequireSameGroup(this, first.Group);
        return new PreparedG1(this, new PreparedLines(Curve, in first.Affine));
    }

    /// <summary>Precomputes powers of a GT element used for many exponentiations.</summary>
    public GtFixedBase CreateFixedBase(GtElement basis)
    {
        RequireSameGroup(this, basis.Group);
        return new GtFixedBase(this, new GtFixedBaseTable(Curve, Pairing.Gt, in basis.Value));
    }

    /// <summary>Decodes Re || Im and checks it is canonical, of norm 1 and in the order-r subgroup.</summary>
    /// <exception cref="EncodingException">Rejected; the exception says why.</exception>
    public GtElement DecodeGt(ReadOnlySpan<byte> encoded, bool allowIdentity = true) =>
        TryDecodeGt(encoded, out GtElement? g, out EncodingError error, allowIdentity) ? g : throw new EncodingException(error, "GT element");

    /// <summary>Decodes a GT element; false (and why) when rejected.</summary>
    public bool TryDecodeGt(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out GtElement? element, out EncodingError error, bool allowIdentity = true)
    {
        element = null;
        PrimeField fq = Curve.Fq;
        int n = fq.ByteLength;
        if (encoded.Length != 2 * n)
        {
            error = EncodingError.InvalidLength;
            return false;
        }
        Unsafe.SkipInit(out Fq2 v);
        if (!fq.TryReadBytes(encoded[..n], out v.Re) || !fq.TryReadBytes(encoded[n..], out v.Im))
        {
            error = EncodingError.NonCanonical;
            return false;
        }
        Fq2.Norm(fq, in v, out FieldElement norm);
        if (!fq.Equal(in norm, in fq.One))
        {
            error = EncodingError.NotOnCurve;
            return false;
        }
        if (!Pairing.Gt.IsInSubgroup(in v))
        {
            error = EncodingError.NotInSubgroup;
            return false;
        }
        if (!allowIdentity && Fq2.IsOne(fq, in v))
        {
            error = EncodingError.Identity;
            return false;
        }
        element = new GtElement(this, in v);
        error = EncodingError.None;
        return true;
    }

    // ---- helpers -------------------------------------------------------------------------

    internal static void RequireSameGroup(PairingGroup a, PairingGroup b)
    {
        if (!ReferenceEquals(a, b))
        {
            throw new ArgumentException("Operands belong to different pairing groups.");
        }
    }

    internal G1Point FromJacobian(in G1Jacobian p)
    {
        Curve.ToAffine(in p, out G1Affine a);
        return new G1Point(this, in a);
    }

    private Scalar ScalarFrom(in FieldElement m)
    {
        var limbs = new ulong[Curve.Zr.Limbs];
        Curve.Zr.ToPlainLimbs(in m, limbs);
        return new Scalar(this, limbs);
    }

    private static void RequireDomain(ReadOnlySpan<byte> domain)
    {
        if (domain.IsEmpty || domain.Length > 255)
        {
            throw new ArgumentException("A domain separation tag of 1 to 255 bytes is required.", nameof(domain));
        }
    }

    private EncodingError DecodeG1Core(ReadOnlySpan<byte> encoded, out G1Affine p, bool allowIdentity)
    {
        PrimeField fq = Curve.Fq;
        int n = fq.ByteLength;
        Unsafe.SkipInit(out p);
        fq.Zero(out p.X);
        fq.Zero(out p.Y);
        p.Infinity = false;
        bool compressed = encoded.Length == 1 + n;
        if (!compressed && encoded.Length != 1 + 2 * n)
        {
            return EncodingError.InvalidLength;
        }
        byte prefix = encoded[0];
        if (prefix == 0x00)
        {
            if (encoded[1..].ContainsAnyExcept((byte)0))
            {
                return EncodingError.NonCanonical;
            }
            p.Infinity = true;
            return allowIdentity ? EncodingError.None : EncodingError.Identity;
        }
        if (compressed ? prefix is not (0x02 or 0x03) : prefix != 0x04)
        {
            return EncodingError.NonCanonical;
        }
        if (!fq.TryReadBytes(encoded.Slice(1, n), out p.X))
        {
            return EncodingError.NonCanonical;
        }
        if (compressed)
        {
            Curve.RightHandSide(in p.X, out FieldElement rhs);
            if (!fq.Sqrt(in rhs, out p.Y))
            {
                return EncodingError.NotOnCurve;
            }
            if (fq.IsZero(in p.Y) && prefix == 0x03)
            {
                // y = 0 has no odd root: the prefix claims what cannot be.
                return EncodingError.NonCanonical;
            }
            fq.Neg(in p.Y, out FieldElement negY);
            fq.Select(in p.Y, in negY, fq.IsOdd(in p.Y) != (prefix == 0x03), out p.Y);
        }
        else if (!fq.TryReadBytes(encoded.Slice(1 + n, n), out p.Y))
        {
            return EncodingError.NonCanonical;
        }
        return Validate(in p, allowIdentity);
    }

    private EncodingError Validate(in G1Affine p, bool allowIdentity)
    {
        if (!Curve.IsOnCurve(in p))
        {
            return EncodingError.NotOnCurve;
        }
        if (!Curve.IsInSubgroup(in p))
        {
            return EncodingError.NotInSubgroup;
        }
        if (!allowIdentity && p.Infinity)
        {
            return EncodingError.Identity;
        }
        return EncodingError.None;
    }
}
