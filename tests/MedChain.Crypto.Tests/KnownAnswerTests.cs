using System.Numerics;
using System.Text.Json;

namespace MedChain.Crypto.Tests;

/// <summary>
/// Known answers produced by PBC (the library the paper used): [a]P, [b]Q, e(P,Q) and e(aP,bQ)
/// must match value for value. Reads the vectors shipped with the tests and, when the environment
/// variable MEDCHAIN_KAT_DIR names a directory, every *.json file in it (same format).
/// </summary>
public sealed class KnownAnswerTests
{
    public const string ExternalDirectoryVariable = "MEDCHAIN_KAT_DIR";

    public static TheoryData<string> VectorFiles()
    {
        var data = new TheoryData<string>
        {
            Path.Combine(AppContext.BaseDirectory, "Vectors", "pbc-typea-public.json"),
        };
        string? external = Environment.GetEnvironmentVariable(ExternalDirectoryVariable);
        if (!string.IsNullOrEmpty(external))
        {
            string[] files = Directory.Exists(external) ? Directory.GetFiles(external, "*.json") : [];
            if (files.Length == 0)
            {
                // A row that fails: the variable promises vectors that are not there.
                data.Add(Path.Combine(external, "<no *.json files found>"));
            }
            foreach (string file in files.Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void EveryCaseMatchesPbc(string file)
    {
        Assert.True(File.Exists(file), $"Vector file {file} does not exist.");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement sets = doc.RootElement.GetProperty("sets");
        Assert.True(sets.GetArrayLength() > 0, "No parameter sets in the file.");
        int checkedCases = 0;
        foreach (JsonElement set in sets.EnumerateArray())
        {
            string name = set.GetProperty("name").GetString()!;
            var parameters = PairingParameters.Parse(set.GetProperty("param_text").GetString()!, name);
            PairingGroup group = ShippedGroupFor(parameters) ?? new PairingGroup(parameters);
            foreach (JsonElement c in set.GetProperty("cases").EnumerateArray())
            {
                G1Point p = ReadPoint(group, c.GetProperty("P"));
                G1Point q = ReadPoint(group, c.GetProperty("Q"));
                Scalar a = group.CreateScalar(ReadInteger(c.GetProperty("a")));
                Scalar b = group.CreateScalar(ReadInteger(c.GetProperty("b")));
                G1Point aP = p.Multiply(a);
                G1Point bQ = q.Multiply(b);
                AssertPoint(c.GetProperty("aP"), aP, $"{name} [a]P");
                AssertPoint(c.GetProperty("bQ"), bQ, $"{name} [b]Q");
                AssertGt(c.GetProperty("e_P_Q"), group.Pair(p, q), $"{name} e(P,Q)");
                AssertGt(c.GetProperty("e_aP_bQ"), group.Pair(aP, bQ), $"{name} e(aP,bQ)");
                checkedCases++;
            }
        }
        Assert.True(checkedCases > 0, "No cases in the file.");
    }

    [Fact]
    public void ShippedParametersAreTheVectorSets()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "Vectors", "pbc-typea-public.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        var names = new List<string>();
        foreach (JsonElement set in doc.RootElement.GetProperty("sets").EnumerateArray())
        {
            var parsed = PairingParameters.Parse(set.GetProperty("param_text").GetString()!);
            PairingGroup? shipped = ShippedGroupFor(parsed);
            Assert.NotNull(shipped);
            Assert.Equal(set.GetProperty("name").GetString(), shipped.Parameters.Name);
            names.Add(shipped.Parameters.Name);
        }
        Assert.Equal(["typea-80", "typea-112", "typea-128"], names);
    }

    private static PairingGroup? ShippedGroupFor(PairingParameters p)
    {
        foreach (PairingGroup g in new[] { PairingGroup.Level80, PairingGroup.Level112, PairingGroup.Level128 })
        {
            PairingParameters s = g.Parameters;
            if (s.Q == p.Q && s.R == p.R && s.H == p.H && s.Exp1 == p.Exp1 && s.Exp2 == p.Exp2 && s.Sign0 == p.Sign0 && s.Sign1 == p.Sign1)
            {
                return g;
            }
        }
        return null;
    }

    private static BigInteger ReadInteger(JsonElement e) => BigInteger.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static G1Point ReadPoint(PairingGroup group, JsonElement e) =>
        group.CreatePoint(ReadInteger(e.GetProperty("x")), ReadInteger(e.GetProperty("y")));

    private static void AssertPoint(JsonElement expected, G1Point actual, string what)
    {
        Assert.False(actual.IsIdentity, what);
        Assert.True(ReadInteger(expected.GetProperty("x")) == actual.X, $"{what}: x differs");
        Assert.True(ReadInteger(expected.GetProperty("y")) == actual.Y, $"{what}: y differs");
    }

    private static void AssertGt(JsonElement expected, GtElement actual, string what)
    {
        Assert.True(ReadInteger(expected.GetProperty("re")) == actual.Re, $"{what}: real part differs");
        Assert.True(ReadInteger(expected.GetProperty("im")) == actual.Im, $"{what}: imaginary part differs");
    }
}
