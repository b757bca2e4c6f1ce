using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace MedChain.Crypto.Tests;

/// <summary>
/// Parameter sets are what they claim: the shipped sets equal the PBC vector file's sets and
/// satisfy the Type A laws (r = 2^exp2 + sign1*2^exp1 + sign0, h*r = q + 1, q = 3 mod 4, q and r
/// prime); ToPbcText round-trips through Parse; and Parse refuses, with a FormatException, text
/// that breaks any one of those rules or is malformed.
/// </summary>
public sealed class ParameterTests
{
    [Theory]
    [InlineData(80, 512, 160)]
    [InlineData(112, 1024, 224)]
    [InlineData(128, 1536, 256)]
    public void ShippedSetsAreTheVectorFileSets(int level, int qBits, int rBits)
    {
        PairingParameters p = PairingParameters.ForSecurityLevel(level);
        Assert.Same(p, PairingGroup.ForSecurityLevel(level).Parameters);
        Assert.Equal($"typea-{level}", p.Name);
        Assert.Equal(qBits, (long)p.Q.GetBitLength());
        Assert.Equal(rBits, (long)p.R.GetBitLength());

        string file = Path.Combine(AppContext.BaseDirectory, "Vectors", "pbc-typea-public.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement set = doc.RootElement.GetProperty("sets").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == p.Name);
        JsonElement expected = set.GetProperty("params");
        Assert.Equal(Big(expected.GetProperty("q")), p.Q);
        Assert.Equal(Big(expected.GetProperty("r")), p.R);
        Assert.Equal(Big(expected.GetProperty("h")), p.H);
        Assert.Equal(expected.GetProperty("exp2").GetInt32(), p.Exp2);
        Assert.Equal(expected.GetProperty("exp1").GetInt32(), p.Exp1);
        Assert.Equal(expected.GetProperty("sign1").GetInt32(), p.Sign1);
        Assert.Equal(expected.GetProperty("sign0").GetInt32(), p.Sign0);
        Assert.Equal(expected.GetProperty("q_bits").GetInt32(), qBits);
        Assert.Equal(expected.GetProperty("r_bits").GetInt32(), rBits);

        PairingParameters fromFile = PairingParameters.Parse(set.GetProperty("param_text").GetString()!, p.Name);
        AssertSameNumbers(p, fromFile);
        Assert.Equal(p.Name, fromFile.Name);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ShippedSetsSatisfyTheTypeALaws(int level)
    {
        PairingParameters p = PairingParameters.ForSecurityLevel(level);
        Assert.Equal((BigInteger.One << p.Exp2) + p.Sign1 * (BigInteger.One << p.Exp1) + p.Sign0, p.R);
        Assert.Equal(p.Q + 1, p.H * p.R);
        Assert.Equal(3, (int)(p.Q % 4));
        Assert.True(IsProbablePrime(p.Q), "q is not prime");
        Assert.True(IsProbablePrime(p.R), "r is not prime");
        Assert.False((p.H % p.R).IsZero, "r^2 divides q + 1");
        Assert.False(((p.Q - 1) % p.R).IsZero, "r divides q - 1: embedding degree 1");

        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        int qBytes = (int)((p.Q.GetBitLength() + 7) / 8);
        Assert.Equal(1 + qBytes, group.G1CompressedLength);
        Assert.Equal(1 + 2 * qBytes, group.G1UncompressedLength);
        Assert.Equal(2 * qBytes, group.GtLength);
        Assert.Equal((int)((p.R.GetBitLength() + 7) / 8), group.ScalarLength);
    }

    [Fact]
    public void LevelsNameTheShippedSets()
    {
        Assert.Same(PairingParameters.Level80, PairingParameters.ForSecurityLevel(80));
        Assert.Same(PairingParameters.Level112, PairingParameters.ForSecurityLevel(112));
        Assert.Same(PairingParameters.Level128, PairingParameters.ForSecurityLevel(128));
        Assert.Same(PairingGroup.Level80, PairingGroup.ForSecurityLevel(80));
        Assert.Same(PairingGroup.Level112, PairingGroup.ForSecurityLevel(112));
        Assert.Same(PairingGroup.Level128, PairingGroup.ForSecurityLevel(128));
        foreach (int bits in new[] { 0, 64, 79, 81, 100, 192, 256 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => PairingParameters.ForSecurityLevel(bits));
            Assert.Throws<ArgumentOutOfRangeException>(() => PairingGroup.ForSecurityLevel(bits));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void ToPbcTextRoundTripsThroughParse(int level)
    {
        PairingParameters p = PairingParameters.ForSecurityLevel(level);
        string text = p.ToPbcText();
        Assert.StartsWith("type a\n", text, StringComparison.Ordinal);
        PairingParameters parsed = PairingParameters.Parse(text, "again");
        AssertSameNumbers(p, parsed);
        Assert.Equal("again", parsed.Name);
        Assert.Equal(text, parsed.ToPbcText());

        // The same text with Windows line ends, blank lines, tabs and the lines reordered.
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string shuffled = "\r\n" + string.Join("\r\n\r\n", lines.Reverse().Select(l => l.Replace(' ', '\t'))) + "\r\n";
        AssertSameNumbers(p, PairingParameters.Parse(shuffled));
    }

    public static TheoryData<int, string> Mutations()
    {
        var data = new TheoryData<int, string>();
        foreach (int level in new[] { 80, 112, 128 })
        {
            foreach (string m in s_mutations.Keys)
            {
                data.Add(level, m);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void ParseRejectsBrokenText(int level, string mutation)
    {
        PairingParameters p = PairingParameters.ForSecurityLevel(level);
        var lines = new List<(string Key, string Value)>
        {
            ("type", "a"),
            ("q", Str(p.Q)),
            ("h", Str(p.H)),
            ("r", Str(p.R)),
            ("exp2", Str(p.Exp2)),
            ("exp1", Str(p.Exp1)),
            ("sign1", Str(p.Sign1)),
            ("sign0", Str(p.Sign0)),
        };
        Assert.Equal(p.ToPbcText(), Render(lines)); // unmodified, it is the shipped text
        string text = s_mutations[mutation](p, lines);
        Exception? thrown = Record.Exception(() => PairingParameters.Parse(text));
        Assert.NotNull(thrown);
        Assert.True(thrown is FormatException, $"{mutation}: expected a FormatException, got {thrown.GetType().Name}: {thrown.Message}");
    }

    [Fact]
    public void ParseRejectsEmptyAndNullText()
    {
        Assert.Throws<FormatException>(() => PairingParameters.Parse(""));
        Assert.Throws<FormatException>(() => PairingParameters.Parse("\n \n\t\n"));
        Assert.Throws<FormatException>(() => PairingParameters.Parse("type a"));
        Assert.Throws<ArgumentNullException>(() => PairingParameters.Parse(null!));
    }

    /// <summary>
    /// A small Type A set (r = 2^31 - 1) and variants of it, each breaking exactly one rule while
    /// every other rule still holds, so that each check of Parse is seen to work on its own.
    /// </summary>
    [Fact]
    public void ParseChecksEachRuleOnItsOwn()
    {
        const int Exp2 = 31, Exp1 = 1, Sign1 = -1, Sign0 = 1;
        BigInteger r = (BigInteger.One << Exp2) + Sign1 * (BigInteger.One << Exp1) + Sign0;
        Assert.True(IsProbablePrime(r));
        BigInteger start = BigInteger.One << 31;

        // A valid set: h = 0 mod 4 and q = h*r - 1 prime, so q = 3 mod 4.
        BigInteger h = FindCofactor(start, r, 0, wantPrimeQ: true);
        BigInteger q = h * r - 1;
        Assert.Equal(3, (int)(q % 4));
        PairingParameters valid = PairingParameters.Parse(Text(q, h, r, Exp2, Exp1, Sign1, Sign0));
        Assert.Equal(q, valid.Q);
        Assert.Equal(r, valid.R);
        Assert.Equal(h, valid.H);
        Assert.Equal("custom", valid.Name);

        // q = 1 mod 4, everything else right: h = 2 mod 4 with q = h*r - 1 prime.
        BigInteger h1 = FindCofactor(start, r, 2, wantPrimeQ: true);
        BigInteger q1 = h1 * r - 1;
        Assert.Equal(1, (int)(q1 % 4));
        Assert.Throws<FormatException>(() => PairingParameters.Parse(Text(q1, h1, r, Exp2, Exp1, Sign1, Sign0)));

        // q composite, everything else right.
        BigInteger h2 = FindCofactor(start, r, 0, wantPrimeQ: false);
        BigInteger q2 = h2 * r - 1;
        Assert.Equal(3, (int)(q2 % 4));
        Assert.Throws<FormatException>(() => PairingParameters.Parse(Text(q2, h2, r, Exp2, Exp1, Sign1, Sign0)));

        // r composite (2^31 + 2^1 + 1 = 3 * 715827883), everything else right.
        BigInteger rc = (BigInteger.One << Exp2) + (BigInteger.One << Exp1) + 1;
        Assert.False(IsProbablePrime(rc));
        BigInteger h3 = FindCofactor(start, rc, 0, wantPrimeQ: true);
        Assert.Throws<FormatException>(() => PairingParameters.Parse(Text(h3 * rc - 1, h3, rc, Exp2, Exp1, 1, 1)));

        // h*r != q + 1 with q prime and 3 mod 4, r right.
        Assert.Throws<FormatException>(() => PairingParameters.Parse(Text(q, h + 4, r, Exp2, Exp1, Sign1, Sign0)));
        // r given right but its exponents wrong.
        Assert.Throws<FormatException>(() => PairingParameters.Parse(Text(q, h, r, Exp2, Exp1 + 1, Sign1, Sign0)));
    }

    /// <summary>A parsed custom set gives a group whose pairing is bilinear (the generic one-limb arithmetic).</summary>
    [Fact]
    public void CustomParametersGiveAWorkingGroup()
    {
        BigInteger r = (BigInteger.One << 31) - 1;
        BigInteger h = FindCofactor(BigInteger.One << 31, r, 0, wantPrimeQ: true);
        var group = new PairingGroup(PairingParameters.Parse(Text(h * r - 1, h, r, 31, 1, -1, 1), "toy"));
        Assert.Equal("toy", group.Parameters.Name);
        G1Point p = group.HashToG1("toy P"u8, "MedChain-Test-Toy"u8);
        G1Point q = group.HashToG1("toy Q"u8, "MedChain-Test-Toy"u8);
        Assert.False(p.IsIdentity);
        Assert.True(p.MultiplyPublic(r).IsIdentity);
        Assert.Equal(p, group.DecodeG1(p.Encode()));
        Scalar a = group.RandomNonZeroScalar();
        Scalar b = group.RandomNonZeroScalar();
        Assert.Equal(p.MultiplyPublic(a.ToBigInteger()), a * p);
        GtElement e = group.Pair(p, q);
        Assert.False(e.IsOne);
        Assert.Equal(e.Pow(a * b), group.Pair(a * p, b * q));
        Assert.Equal(e, group.Pair(q, p));
    }

    // ---- mutations of a shipped set's text, each of which Parse must refuse ----------------

    private delegate string Mutation(PairingParameters p, List<(string Key, string Value)> lines);

    private static readonly Dictionary<string, Mutation> s_mutations = new(StringComparer.Ordinal)
    {
        ["missing type"] = (p, l) => Render(Without(l, "type")),
        ["missing q"] = (p, l) => Render(Without(l, "q")),
        ["missing h"] = (p, l) => Render(Without(l, "h")),
        ["missing r"] = (p, l) => Render(Without(l, "r")),
        ["missing exp2"] = (p, l) => Render(Without(l, "exp2")),
        ["missing exp1"] = (p, l) => Render(Without(l, "exp1")),
        ["missing sign1"] = (p, l) => Render(Without(l, "sign1")),
        ["missing sign0"] = (p, l) => Render(Without(l, "sign0")),
        ["type b"] = (p, l) => Render(With(l, "type", "b")),
        ["type A (case)"] = (p, l) => Render(With(l, "type", "A")),
        ["r off by two"] = (p, l) => Render(With(l, "r", Str(p.R + 2))),
        ["exp1 inconsistent with r"] = (p, l) => Render(With(l, "exp1", Str(p.Exp1 + 1))),
        ["exp2 inconsistent with r"] = (p, l) => Render(With(l, "exp2", Str(p.Exp2 - 1))),
        ["sign0 inconsistent with r"] = (p, l) => Render(With(l, "sign0", Str(-p.Sign0))),
        ["sign1 inconsistent with r"] = (p, l) => Render(With(l, "sign1", Str(-p.Sign1))),
        ["h*r != q+1"] = (p, l) => Render(With(l, "h", Str(p.H + 4))),
        ["q = 1 mod 4"] = (p, l) => Render(With(l, "q", Str(p.Q + 2))),
        ["sign1 not +-1"] = (p, l) => Render(With(l, "sign1", "2")),
        ["sign0 zero"] = (p, l) => Render(With(l, "sign0", "0")),
        ["exp1 equal to exp2"] = (p, l) => Render(With(l, "exp1", Str(p.Exp2))),
        ["exp1 negative"] = (p, l) => Render(With(l, "exp1", "-3")),
        ["duplicate q"] = (p, l) => Render([.. l, ("q", Str(p.Q))]),
        ["duplicate type"] = (p, l) => Render([("type", "a"), .. l]),
        ["duplicate sign0 with another value"] = (p, l) => Render([.. l, ("sign0", Str(-p.Sign0))]),
        ["q not an integer"] = (p, l) => Render(With(l, "q", Str(p.Q) + "x")),
        ["q in hexadecimal"] = (p, l) => Render(With(l, "q", "0x" + p.Q.ToString("X", CultureInfo.InvariantCulture))),
        ["h fractional"] = (p, l) => Render(With(l, "h", Str(p.H) + ".5")),
        ["exp1 a word"] = (p, l) => Render(With(l, "exp1", "ten")),
        ["exp2 beyond int"] = (p, l) => Render(With(l, "exp2", "99999999999999999999")),
        ["sign1 beyond int"] = (p, l) => Render(With(l, "sign1", "4294967295")),
        ["key without value"] = (p, l) => Render(l) + "q\n",
        ["digits split by a space"] = (p, l) => Render(With(l, "r", Str(p.R).Insert(5, " "))),
    };

    private static List<(string Key, string Value)> Without(List<(string Key, string Value)> lines, string key) =>
        lines.Where(l => l.Key != key).ToList();

    private static List<(string Key, string Value)> With(List<(string Key, string Value)> lines, string key, string value) =>
        lines.Select(l => l.Key == key ? (l.Key, value) : l).ToList();

    private static string Render(IEnumerable<(string Key, string Value)> lines) =>
        string.Concat(lines.Select(l => $"{l.Key} {l.Value}\n"));

    private static string Text(BigInteger q, BigInteger h, BigInteger r, int exp2, int exp1, int sign1, int sign0) =>
        Render([("type", "a"), ("q", Str(q)), ("h", Str(h)), ("r", Str(r)), ("exp2", Str(exp2)), ("exp1", Str(exp1)), ("sign1", Str(sign1)), ("sign0", Str(sign0))]);

    private static string Str(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);

    private static BigInteger Big(JsonElement e) => BigInteger.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The first h >= start with h = residue mod 4 and h*r - 1 prime (or composite).</summary>
    private static BigInteger FindCofactor(BigInteger start, BigInteger r, int residue, bool wantPrimeQ)
    {
        BigInteger h = start + ReferenceMath.Mod(residue - start, 4);
        while (IsProbablePrime(h * r - 1) != wantPrimeQ)
        {
            h += 4;
        }
        return h;
    }

    private static void AssertSameNumbers(PairingParameters expected, PairingParameters actual)
    {
        Assert.Equal(expected.Q, actual.Q);
        Assert.Equal(expected.R, actual.R);
        Assert.Equal(expected.H, actual.H);
        Assert.Equal(expected.Exp2, actual.Exp2);
        Assert.Equal(expected.Exp1, actual.Exp1);
        Assert.Equal(expected.Sign1, actual.Sign1);
        Assert.Equal(expected.Sign0, actual.Sign0);
    }

    /// <summary>Miller-Rabin with 24 seeded random bases (independent of the library's own test).</summary>
    private static bool IsProbablePrime(BigInteger n)
    {
        if (n < 2)
        {
            return false;
        }
        foreach (int small in new[] { 2, 3, 5, 7, 11, 13 })
        {
            if (n % small == 0)
            {
                return n == small;
            }
        }
        BigInteger d = n - 1;
        int s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }
        var rng = new Random(12345);
        for (int round = 0; round < 24; round++)
        {
            BigInteger a = 2 + TestValues.RandomBelow(rng, n - 3);
            BigInteger x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }
            bool witness = true;
            for (int i = 1; i < s && witness; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                witness = x != n - 1;
            }
            if (witness)
            {
                return false;
            }
        }
        return true;
    }
}
