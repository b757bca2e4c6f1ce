using System.Numerics;
using MedChain.Crypto.Hashing;

namespace MedChain.Crypto.Tests;

/// <summary>
/// The hashes are the functions they are documented to be: expand_message_xmd equals RFC 9380's
/// test vectors, HashToScalar is expand_message_xmd to |r| + 16 bytes reduced mod r, and
/// HashToG1 is [h](+-x, even sqrt(+-(x^3 + x))) for x = expand_message_xmd to |q| + 16 bytes mod q,
/// recomputed here with BigInteger arithmetic.
/// </summary>
public sealed class HashingTests
{
    private static readonly byte[] s_domain = "MedChain-Test-Hashing"u8.ToArray();

    /// <summary>RFC 9380, appendix K.1 (expand_message_xmd with SHA-256).</summary>
    [Theory]
    [InlineData("", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235")]
    [InlineData("abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615")]
    [InlineData("", 0x80, "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")]
    [InlineData("abcdef0123456789", 0x80, "ef904a29bffc4cf9ee82832451c946ac3c8f8058ae97d8d629831a74c6572bd9ebd0df635cd1f208e2038e760c4994984ce73f0d55ea9f22af83ba4734569d4bc95e18350f740c07eef653cbb9f87910d833751825f0ebefa1abe5420bb52be14cf489b37fe1a72f7de2d10be453b2c9d9eb20c7e3f6edc5a60629178d9478df")]
    public void ExpandMessageMatchesRfc9380(string message, int length, string expectedHex)
    {
        byte[] output = new byte[length];
        ExpandMessage.Xmd(System.Text.Encoding.ASCII.GetBytes(message), "QUUX-V01-CS02-with-expander-SHA256-128"u8, output);
        Assert.Equal(Convert.FromHexString(expectedHex), output);
    }

    [Fact]
    public void ExpandMessageRefusesOutOfRangeRequests()
    {
        Assert.Throws<ArgumentException>(() => ExpandMessage.Xmd("m"u8, s_domain, new byte[255 * 32 + 1]));
        Assert.Throws<ArgumentException>(() => ExpandMessage.Xmd("m"u8, new byte[256], new byte[32]));
        byte[] longest = new byte[255 * 32];
        ExpandMessage.Xmd("m"u8, s_domain, longest);
        Assert.Contains(longest[^32..], b => b != 0);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void HashToScalarIsExpandMessageModR(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        foreach (byte[] data in new byte[][] { [], "abc"u8.ToArray(), new byte[300] })
        {
            byte[] wide = new byte[group.ScalarLength + 16];
            ExpandMessage.Xmd(data, s_domain, wide);
            BigInteger expected = ReferenceMath.FromBytes(wide) % group.Parameters.R;
            Assert.Equal(expected, group.HashToScalar(data, s_domain).ToBigInteger());
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(112)]
    [InlineData(128)]
    public void HashToG1IsTheDocumentedMap(int level)
    {
        PairingGroup group = PairingGroup.ForSecurityLevel(level);
        BigInteger q = group.Parameters.Q;
        int n = (int)((q.GetBitLength() + 7) / 8);
        foreach (byte[] message in new byte[][] { [], "abc"u8.ToArray() })
        {
            byte[] wide = new byte[n + 16];
            ExpandMessage.Xmd(message, s_domain, wide);
            BigInteger x = ReferenceMath.FromBytes(wide) % q;
            BigInteger fx = ReferenceMath.Mod(x * x * x + x, q);
            BigInteger s = BigInteger.ModPow(fx, (q + 1) / 4, q);
            // f(-x) = -f(x) and -1 is a non-square, so exactly one of +-x gives a point.
            BigInteger px = ReferenceMath.Mod(s * s, q) == fx ? x : ReferenceMath.Mod(-x, q);
            BigInteger py = s.IsEven ? s : ReferenceMath.Mod(-s, q);
            var preimage = new RefPoint(px, py, false);
            Assert.True(ReferenceMath.IsOnCurve(preimage, q));
            RefPoint expected = ReferenceMath.Multiply(preimage, group.Parameters.H, q);
            Assert.Equal(expected, ReferenceMath.Point(group.HashToG1(message, s_domain)));
        }
    }
}
