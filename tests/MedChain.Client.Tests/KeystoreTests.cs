using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MedChain.Client.Keys;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Tests;

public sealed class KeystoreTests : IDisposable
{
    private const int FastIterations = Keystore.MinimumIterations;
    private static readonly SystemParameters Parameters = SystemSetup.Initialize(80).Parameters;
    private readonly string _dir = Directory.CreateTempSubdirectory("medchain-keystore-").FullName;

    [Fact]
    public void AKeyComesBackWithTheRightPassphraseOnly()
    {
        using SecretKey key = SecretKey.Generate(Parameters);
        string path = Path.Combine(_dir, "doctor.json");
        Keystore.Save(path, new KeystoreIdentity("doctor", "d1", 80, false), key, "correct horse", FastIterations);

        using SecretKey opened = Keystore.Open(path, "correct horse", Parameters);

        Assert.Equal(key.PublicKey, opened.PublicKey);
        Assert.Equal(new KeystoreIdentity("doctor", "d1", 80, false), Keystore.ReadIdentity(path));
        Assert.ThrowsAny<CryptographicException>(() => Keystore.Open(path, "wrong horse", Parameters));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void ThePrivateKeyIsNotInTheFileInTheClear()
    {
        using SecretKey key = SecretKey.Generate(Parameters);
        string path = Path.Combine(_dir, "patient.json");
        Keystore.Save(path, new KeystoreIdentity("patient", "p1", 80, false), key, "pw", FastIterations);
        string text = File.ReadAllText(path);
        byte[] secret = key.Export();

        Assert.DoesNotContain(Convert.ToBase64String(secret), text);
        Assert.DoesNotContain(Convert.ToHexString(secret), text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("role", "sm-admin")]
    [InlineData("id", "someone-else")]
    [InlineData("administration", "true")]
    public void ARelabelledFileDoesNotOpen(string field, string value)
    {
        using SecretKey key = SecretKey.Generate(Parameters);
        string path = Path.Combine(_dir, $"relabel-{field}.json");
        Keystore.Save(path, new KeystoreIdentity("doctor", "d1", 80, false), key, "pw", FastIterations);
        JsonNode json = JsonNode.Parse(File.ReadAllText(path))!;
        json[field] = field == "administration" ? JsonValue.Create(true) : JsonValue.Create(value);
        File.WriteAllText(path, json.ToJsonString());

        Assert.ThrowsAny<CryptographicException>(() => Keystore.Open(path, "pw", Parameters));
    }

    [Fact]
    public void LoweredIterationsAndForeignParametersAreRefused()
    {
        using SecretKey key = SecretKey.Generate(Parameters);
        string path = Path.Combine(_dir, "iterations.json");
        Keystore.Save(path, new KeystoreIdentity("doctor", "d1", 80, false), key, "pw", FastIterations);
        string original = File.ReadAllText(path);
        JsonNode json = JsonNode.Parse(original)!;
        json["iterations"] = 1;
        File.WriteAllText(path, json.ToJsonString());

        Assert.Throws<FormatException>(() => Keystore.Open(path, "pw", Parameters));
        File.WriteAllText(path, original);
        Assert.Throws<FormatException>(() => Keystore.Open(path, "pw", SystemSetup.Initialize(80).Parameters));
        Assert.Throws<FormatException>(() => Keystore.Open(path, "pw", SystemParameters.Administration(128)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Keystore.Save(Path.Combine(_dir, "weak.json"), new KeystoreIdentity("doctor", "d", 80, false), key, "pw", 1000));
    }

    [Fact]
    public void AnExistingFileIsNeverOverwritten()
    {
        using SecretKey key = SecretKey.Generate(Parameters);
        string path = Path.Combine(_dir, "once.json");
        Keystore.Save(path, new KeystoreIdentity("doctor", "d1", 80, false), key, "pw", FastIterations);
        string before = File.ReadAllText(path);

        Assert.Throws<IOException>(() => Keystore.Save(path, new KeystoreIdentity("doctor", "d1", 80, false), key, "other", FastIterations));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void AnAdministrationKeyOpensUnderTheAdministrationParameters()
    {
        SystemParameters admin = SystemParameters.Administration(80);
        using SecretKey key = SecretKey.Generate(admin);
        string path = Path.Combine(_dir, "admin.json");
        Keystore.Save(path, new KeystoreIdentity("sm-admin", "admin", 80, true), key, "pw", FastIterations);

        using SecretKey opened = Keystore.Open(path, "pw", admin);

        Assert.Equal(key.PublicKey, opened.PublicKey);
        Assert.Throws<FormatException>(() => Keystore.Open(path, "pw", Parameters));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
