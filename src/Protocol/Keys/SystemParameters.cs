using System.Text.Json;
using System.Text.Json.Serialization;
using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;

namespace MedChain.Protocol.Keys;

/// <summary>
/// The public parameters of section III.A: {p, g, g1, g2, u, v, d, Y, H1, H2, H3, F, l, l1, G1, G2}.
/// p is the group order r of the Type A parameter set chosen by <see cref="SecurityLevel"/>;
/// g, g1, g2, u, v, d are hashes onto G1 of a public seed (so nobody knows their discrete
/// logarithms, and anyone can check that); Y = g^x is the SM's public key. Immutable and
/// thread-safe; holds the precomputation every phase uses (fixed-base tables for g, g1, g2, u and
/// v*d; e(g, g) and e(g, g2) with their power tables; prepared pairings of g and g1).
/// </summary>
public sealed partial class SystemParameters
{
    /// <summary>Version of the serialized form.</summary>
    public const int FormatVersion = 1;

    /// <summary>k: bits of H2's output (the keyword tag C3).</summary>
    public const int K = 256;

    /// <summary>l: bits of F's output and of C4.</summary>
    public const int L = 1024;

    /// <summary>l1: bits of the plaintext m carried in C4.</summary>
    public const int L1 = 512;

    private readonly Lazy<Precomputation> _precomputation;

    private SystemParameters(int level, byte[] seed, G1Point y)
    {
        SecurityLevel = level;
        Group = PairingGroup.ForSecurityLevel(level);
        Seed = seed;
        G = Generator("g"u8);
        G1 = Generator("g1"u8);
        G2 = Generator("g2"u8);
        U = Generator("u"u8);
        V = Generator("v"u8);
        D = Generator("d"u8);
        Y = y;
        Hashes = new SchemeHashes(Group);
        _precomputation = new Lazy<Precomputation>(() => new Precomputation(this));
    }

    /// <summary>80, 112 or 128.</summary>
    public int SecurityLevel { get; }

    /// <summary>The pairing group.</summary>
    public PairingGroup Group { get; }

    /// <summary>The 32-byte seed g, g1, g2, u, v, d are derived from.</summary>
    public ReadOnlyMemory<byte> Seed { get; }

    /// <summary>The generator g of G1.</summary>
    public G1Point G { get; }

    /// <summary>g1 (C1 = g1^r).</summary>
    public G1Point G1 { get; }

    /// <summary>g2 (the keyword base: U = e(g, g2^t)^r).</summary>
    public G1Point G2 { get; }

    /// <summary>u (C5 = (u^h v d)^r).</summary>
    public G1Point U { get; }

    /// <summary>v (C5).</summary>
    public G1Point V { get; }

    /// <summary>d (C5).</summary>
    public G1Point D { get; }

    /// <summary>The SM's public key Y = g^x.</summary>
    public G1Point Y { get; }

    /// <summary>H1, H2, H3 and F.</summary>
    public SchemeHashes Hashes { get; }

    internal Precomputation Tables => _precomputation.Value;

    /// <summary>Makes the parameters for a fresh seed and the SM's public key (see <see cref="SystemSetup"/>).</summary>
    internal static SystemParameters Create(int level, byte[] seed, G1Point y) => new(level, seed, y);

    /// <summary>
    /// Parameters for keys that must exist before the system is set up: the first sm-admin key,
    /// which authorizes the setup itself. g is derived, like every deployment's, from a seed, but
    /// here a fixed public one (SHA-256 of "MedChain-V1-Administration"), so the admin's key pair
    /// can be made offline knowing only the level. Y is the identity: there is no master key. Used
    /// only for the admin's login signatures, never for records.
    /// </summary>
    public static SystemParameters Administration(int level) => AdministrationByLevel.GetOrAdd(level, l =>
        new SystemParameters(l, System.Security.Cryptography.SHA256.HashData("MedChain-V1-Administration"u8), PairingGroup.ForSecurityLevel(l).Identity));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, SystemParameters> AdministrationByLevel = new();

    /// <summary>The versioned JSON form: level, seed and Y (compressed, base64); g..d follow from the seed.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new Wire(FormatVersion, SecurityLevel, Convert.ToBase64String(Seed.Span), Convert.ToBase64String(Y.Encode())),
        WireContext.Default.Wire);

    /// <summary>Reads <see cref="ToJson"/>'s form, validating version, level, seed length and Y.</summary>
    /// <exception cref="FormatException">The text is not valid parameters.</exception>
    public static SystemParameters FromJson(string json)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(json, WireContext.Default.Wire);
        }
        catch (JsonException e)
        {
            throw new FormatException("System parameters: malformed JSON.", e);
        }
        if (wire is null || wire.Version != FormatVersion)
        {
            throw new FormatException($"System parameters: expected version {FormatVersion}.");
        }
        if (wire.Level is not (80 or 112 or 128))
        {
            throw new FormatException("System parameters: level must be 80, 112 or 128.");
        }
        byte[] seed = Base64(wire.Seed, "seed");
        if (seed.Length != 32)
        {
            throw new FormatException("System parameters: the seed must be 32 bytes.");
        }
        PairingGroup group = PairingGroup.ForSecurityLevel(wire.Level);
        if (!group.TryDecodeG1(Base64(wire.Y, "Y"), out G1Point? y, out EncodingError error))
        {
            throw new FormatException($"System parameters: Y is invalid ({error}).");
        }
        return new SystemParameters(wire.Level, seed, y);
    }

    private G1Point Generator(ReadOnlySpan<byte> label)
    {
        Span<byte> input = stackalloc byte[Seed.Length + label.Length];
        Seed.Span.CopyTo(input);
        label.CopyTo(input[Seed.Length..]);
        return Group.HashToG1(input, DomainTags.Generators);
    }

    private static byte[] Base64(string? s, string what)
    {
        try
        {
            return Convert.FromBase64String(s ?? throw new FormatException($"System parameters: {what} is missing."));
        }
        catch (FormatException e) when (s is not null)
        {
            throw new FormatException($"System parameters: {what} is not base64.", e);
        }
    }

    internal sealed record Wire(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("level")] int Level,
        [property: JsonPropertyName("seed")] string? Seed,
        [property: JsonPropertyName("y")] string? Y);

    [JsonSerializable(typeof(Wire))]
    internal sealed partial class WireContext : JsonSerializerContext;

    /// <summary>Tables built once per parameter set, on first use.</summary>
    internal sealed class Precomputation
    {
        internal Precomputation(SystemParameters p)
        {
            PairingGroup group = p.Group;
            FixedG = group.CreateFixedBase(p.G);
            FixedG1 = group.CreateFixedBase(p.G1);
            FixedG2 = group.CreateFixedBase(p.G2);
            FixedU = group.CreateFixedBase(p.U);
            VD = p.V + p.D;
            FixedVD = group.CreateFixedBase(VD);
            PreparedG = group.Prepare(p.G);
            PreparedNegG1 = group.Prepare(-p.G1);
            Egg = PreparedG.Pair(p.G);
            Egg2 = PreparedG.Pair(p.G2);
            FixedEgg = group.CreateFixedBase(Egg);
            FixedEgg2 = group.CreateFixedBase(Egg2);
        }

        internal G1FixedBase FixedG { get; }
        internal G1FixedBase FixedG1 { get; }
        internal G1FixedBase FixedG2 { get; }
        internal G1FixedBase FixedU { get; }
        internal G1Point VD { get; }
        internal G1FixedBase FixedVD { get; }
        internal PreparedG1 PreparedG { get; }
        internal PreparedG1 PreparedNegG1 { get; }
        internal GtElement Egg { get; }
        internal GtElement Egg2 { get; }
        internal GtFixedBase FixedEgg { get; }
        internal GtFixedBase FixedEgg2 { get; }
    }
}
