using MedChain.Crypto;
using MedChain.Crypto.Encoding;

namespace MedChain.Protocol.Keys;

/// <summary>
/// A private key x in Z_r* with its public key g^x (section III.A steps 2 to 4). Disposable: the
/// scalar is wiped on <see cref="Dispose"/>. Patients' and doctors' keys live only on their devices.
/// </summary>
public sealed class SecretKey : IDisposable
{
    private SecretKey(SystemParameters parameters, Scalar x)
    {
        Parameters = parameters;
        X = x;
        PublicKey = new PublicKey(parameters.Tables.FixedG.Multiply(x));
    }

    /// <summary>The parameters the key belongs to.</summary>
    public SystemParameters Parameters { get; }

    /// <summary>g^x.</summary>
    public PublicKey PublicKey { get; }

    internal Scalar X { get; }

    /// <summary>A fresh key pair: x uniform in [1, r).</summary>
    public static SecretKey Generate(SystemParameters parameters) => new(parameters, parameters.Group.RandomNonZeroScalar());

    /// <summary>The key from its |r|-byte encoding (for key stores); zero is refused.</summary>
    /// <exception cref="EncodingException">Not a canonical non-zero scalar.</exception>
    public static SecretKey Import(SystemParameters parameters, ReadOnlySpan<byte> encoded) =>
        new(parameters, parameters.Group.DecodeScalar(encoded, allowZero: false));

    /// <summary>The |r|-byte encoding of x. The caller must protect and wipe it.</summary>
    public byte[] Export() => X.Encode();

    /// <summary>Wipes x.</summary>
    public void Dispose() => X.Dispose();
}
