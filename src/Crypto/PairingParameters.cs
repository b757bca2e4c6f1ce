using System.Globalization;
using System.Numerics;

namespace MedChain.Crypto;

/// <summary>
/// A PBC Type A parameter set: the supersingular curve E: y^2 = x^3 + x over F_q with q = 3 mod 4,
/// #E(F_q) = q + 1 = h*r, and the Solinas prime r = 2^Exp2 + Sign1*2^Exp1 + Sign0 that orders G1 and GT.
/// The three sets MedChain uses ship inside the library (<see cref="Level80"/>, <see cref="Level112"/>,
/// <see cref="Level128"/>); <see cref="Parse"/> reads any parameter text in PBC's format.
/// </summary>
public sealed class PairingParameters
{
    private static readonly Lazy<PairingParameters> s_level80 = new(() => LoadEmbedded("typea-80"));
    private static readonly Lazy<PairingParameters> s_level112 = new(() => LoadEmbedded("typea-112"));
    private static readonly Lazy<PairingParameters> s_level128 = new(() => LoadEmbedded("typea-128"));

    private PairingParameters(string name, BigInteger q, BigInteger r, BigInteger h, int exp2, int exp1, int sign1, int sign0)
    {
        Name = name;
        Q = q;
        R = r;
        H = h;
        Exp2 = exp2;
        Exp1 = exp1;
        Sign1 = sign1;
        Sign0 = sign0;
    }

    /// <summary>80-bit security: PBC's own a.param (r 160 bits, q 512 bits).</summary>
    public static PairingParameters Level80 => s_level80.Value;

    /// <summary>112-bit security (r 224 bits, q 1024 bits).</summary>
    public static PairingParameters Level112 => s_level112.Value;

    /// <summary>128-bit security (r 256 bits, q 1536 bits).</summary>
    public static PairingParameters Level128 => s_level128.Value;

    /// <summary>A short name ("typea-80", ...) or "custom".</summary>
    public string Name { get; }

    /// <summary>The base field prime q.</summary>
    public BigInteger Q { get; }

    /// <summary>The group order r (prime).</summary>
    public BigInteger R { get; }

    /// <summary>The cofactor h = (q + 1)/r.</summary>
    public BigInteger H { get; }

    /// <summary>Exponent of the leading power of two in r.</summary>
    public int Exp2 { get; }

    /// <summary>Exponent of the middle power of two in r.</summary>
    public int Exp1 { get; }

    /// <summary>Sign (+1 or -1) of the middle term of r.</summary>
    public int Sign1 { get; }

    /// <summary>Sign (+1 or -1) of the constant term of r.</summary>
    public int Sign0 { get; }

    /// <summary>The shipped set for a security level of 80, 112 or 128 bits.</summary>
    public static PairingParameters ForSecurityLevel(int bits) => bits switch
    {
        80 => Level80,
        112 => Level112,
        128 => Level128,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "Supported security levels are 80, 112 and 128."),
    };

    /// <summary>
    /// Parses PBC's parameter text ("type a", then lines "q ...", "h ...", "r ...", "exp2 ...",
    /// "exp1 ...", "sign1 ...", "sign0 ..."), and checks that the numbers are consistent.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid Type A parameter set.</exception>
    public static PairingParameters Parse(string text, string name = "custom")
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            int space = line.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                throw new FormatException($"Malformed parameter line '{line}'.");
            }
            string key = line[..space];
            string value = line[(space + 1)..].Trim();
            if (!values.TryAdd(key, value))
            {
                throw new FormatException($"Parameter '{key}' appears twice.");
            }
        }
        if (!values.TryGetValue("type", out string? type) || type != "a")
        {
            throw new FormatException("Only PBC Type A parameters ('type a') are supported.");
        }
        BigInteger q = ReadInteger(values, "q");
        BigInteger r = ReadInteger(values, "r");
        BigInteger h = ReadInteger(values, "h");
        int exp2 = ReadSmallInteger(values, "exp2", 1, 1536);
        int exp1 = ReadSmallInteger(values, "exp1", 1, 1536);
        int sign1 = ReadSmallInteger(values, "sign1", -1, 1);
        int sign0 = ReadSmallInteger(values, "sign0", -1, 1);
        if (Math.Abs(sign1) != 1 || Math.Abs(sign0) != 1)
        {
            throw new FormatException("sign1 and sign0 must be 1 or -1.");
        }
        if (exp1 <= 0 || exp1 >= exp2)
        {
            throw new FormatException("Expected 0 < exp1 < exp2.");
        }
        if (r != (BigInteger.One << exp2) + sign1 * (BigInteger.One << exp1) + sign0)
        {
            throw new FormatException("r does not equal 2^exp2 + sign1*2^exp1 + sign0.");
        }
        if (q % 4 != 3)
        {
            throw new FormatException("q must be 3 mod 4.");
        }
        if (h * r != q + 1)
        {
            throw new FormatException("h*r must equal q + 1.");
        }
        if (q.GetBitLength() > 1536)
        {
            throw new FormatException("q above 1536 bits is not supported.");
        }
        if (!IsProbablePrime(q) || !IsProbablePrime(r))
        {
            throw new FormatException("q and r must be prime.");
        }
        return new PairingParameters(name, q, r, h, exp2, exp1, sign1, sign0);
    }

    /// <summary>The text of this set in PBC's format.</summary>
    public string ToPbcText() =>
        string.Create(CultureInfo.InvariantCulture,
            $"type a\nq {Q}\nh {H}\nr {R}\nexp2 {Exp2}\nexp1 {Exp1}\nsign1 {Sign1}\nsign0 {Sign0}\n");

    private static BigInteger ReadInteger(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out string? s))
        {
            throw new FormatException($"Parameter '{key}' is missing.");
        }
        if (!BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger v))
        {
            throw new FormatException($"Parameter '{key}' is not an integer.");
        }
        return v;
    }

    private static int ReadSmallInteger(Dictionary<string, string> values, string key, int min, int max)
    {
        BigInteger v = ReadInteger(values, key);
        if (v < min || v > max)
        {
            throw new FormatException($"Parameter '{key}' must lie in [{min}, {max}].");
        }
        return (int)v;
    }

    private static PairingParameters LoadEmbedded(string name)
    {
        using Stream stream = typeof(PairingParameters).Assembly.GetManifestResourceStream($"MedChain.Crypto.Parameters.{name}.param")
            ?? throw new InvalidOperationException($"Embedded parameter set {name} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    /// <summary>
    /// Trial division by small primes, then Miller-Rabin with 24 random bases (fixed bases can be
    /// fooled by composites built for them; parameter text may come from outside).
    /// </summary>
    private static bool IsProbablePrime(BigInteger n)
    {
        if (n < 2)
        {
            return false;
        }
        int[] small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];
        foreach (int p in small)
        {
            if (n == p)
            {
                return true;
            }
            if (n % p == 0)
            {
                return false;
            }
        }
        BigInteger d = n - 1;
        int s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }
        byte[] bytes = new byte[n.GetByteCount(isUnsigned: true) + 8];
        for (int round = 0; round < 24; round++)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            BigInteger a = new BigInteger(bytes, isUnsigned: true) % (n - 3) + 2;
            BigInteger x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }
            bool composite = true;
            for (int i = 1; i < s; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1)
                {
                    composite = false;
                    break;
                }
            }
            if (composite)
            {
                return false;
            }
        }
        return true;
    }
}
