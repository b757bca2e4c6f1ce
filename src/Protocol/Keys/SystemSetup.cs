using System.Security.Cryptography;
using MedChain.Crypto;

namespace MedChain.Protocol.Keys;

/// <summary>The initialization phase (III.A) as run by the SM: parameters and the master key.</summary>
public static class SystemSetup
{
    /// <summary>Default security level (bits).</summary>
    public const int DefaultLevel = 128;

    /// <summary>
    /// Chooses a fresh seed for g, g1, g2, u, v, d and a master key x; returns the public
    /// parameters (with Y = g^x) and x, which only the SM keeps.
    /// </summary>
    public static (SystemParameters Parameters, SecretKey MasterKey) Initialize(int level = DefaultLevel)
    {
        PairingGroup.ForSecurityLevel(level);
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        // Y depends on g, which depends on the seed: derive g first through a provisional instance.
        SystemParameters provisional = SystemParameters.Create(level, seed, PairingGroup.ForSecurityLevel(level).Identity);
        Scalar x = provisional.Group.RandomNonZeroScalar();
        G1Point y = provisional.G.Multiply(x);
        SystemParameters parameters = SystemParameters.Create(level, seed, y);
        byte[] encoded = x.Encode();
        x.Dispose();
        SecretKey master = SecretKey.Import(parameters, encoded);
        CryptographicOperations.ZeroMemory(encoded);
        return (parameters, master);
    }
}
