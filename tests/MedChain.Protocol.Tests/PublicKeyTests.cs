using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Tests;

/// <summary>Public keys: encodings, validation, and powers before and after the key's fixed-base table exists.</summary>
public sealed class PublicKeyTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);

    [Fact]
    public void PowersAreTheSameWithAndWithoutTheTable()
    {
        using SecretKey key = SecretKey.Generate(s_p);
        PublicKey pk = PublicKey.Decode(s_p, key.PublicKey.Encode());
        for (int i = 0; i < PublicKey.TableThreshold + 3; i++)
        {
            using Scalar k = s_p.Group.RandomScalar();
            Assert.Equal(pk.Point.Multiply(k), pk.Power(k));
        }
    }

    [Fact]
    public void InvalidKeysAreRefused()
    {
        Assert.False(PublicKey.TryDecode(s_p, s_p.Group.Identity.Encode(), out _, out EncodingError error));
        Assert.Equal(EncodingError.Identity, error);
        Assert.False(PublicKey.TryDecode(s_p, new byte[5], out _, out error));
        Assert.Equal(EncodingError.InvalidLength, error);
        Assert.Throws<EncodingException>(() => SecretKey.Import(s_p, new byte[s_p.Group.ScalarLength]));
    }

    [Fact]
    public void SecretKeysRoundTripAndWipe()
    {
        SecretKey key = SecretKey.Generate(s_p);
        using SecretKey copy = SecretKey.Import(s_p, key.Export());
        Assert.Equal(key.PublicKey, copy.PublicKey);
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Export());
    }

    [Fact]
    public void ParametersRejectBadJson()
    {
        Assert.Throws<FormatException>(() => SystemParameters.FromJson("{"));
        Assert.Throws<FormatException>(() => SystemParameters.FromJson("""{"version":2,"level":80,"seed":"","y":""}"""));
        Assert.Throws<FormatException>(() => SystemParameters.FromJson("""{"version":1,"level":81,"seed":"","y":""}"""));
        Assert.Throws<FormatException>(() => SystemParameters.FromJson("""{"version":1,"level":80,"seed":"AAAA","y":""}"""));
        string good = s_p.ToJson();
        Assert.Throws<FormatException>(() => SystemParameters.FromJson(good.Replace("\"y\":\"A", "\"y\":\"B", StringComparison.Ordinal)));
    }
}
