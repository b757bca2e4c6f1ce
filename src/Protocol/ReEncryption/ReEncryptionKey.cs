using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// Product-mode re-encryption key rk = PK_s^(1/x_j) in G1 (our default; see docs/deviations.md):
/// the patient computes it alone from the doctor's public key, so no private key leaves its owner
/// and the SM alone learns nothing about x_j. rk is a secret of the proxy: with the doctor's x_s it
/// yields g^(1/x_j), which decrypts all the patient's records (docs/deviations.md), so it is never
/// stored on a ledger nor given to the doctor. Anyone can check it binds the two keys:
/// e(rk, PK_j) = e(PK_s, g).
/// </summary>
public sealed class ReEncryptionKey
{
    internal ReEncryptionKey(G1Point point)
    {
        Point = point;
    }

    /// <summary>PK_s^(1/x_j).</summary>
    public G1Point Point { get; }

    /// <summary>The patient's side: a key that lets the proxy transform his records for the doctor with key PK_s.</summary>
    public static ReEncryptionKey Create(SecretKey patient, PublicKey doctor)
    {
        using Scalar inverse = patient.X.Invert();
        return new ReEncryptionKey(doctor.Power(inverse));
    }

    /// <summary>True when rk = PK_s^(1/x_j) for these keys: e(rk, PK_j) = e(PK_s, g), one shared final exponentiation.</summary>
    public bool Binds(SystemParameters parameters, PublicKey patient, PublicKey doctor)
    {
        MillerValue left = parameters.Group.MillerLoop([Point, -doctor.Point], [patient.Point, parameters.G]);
        return parameters.Group.FinalExponentiation(left).IsOne;
    }

    /// <summary>
    /// The key checked once (<see cref="Binds"/>) for a whole request of the proxy, so that each
    /// record then costs only its own checks; null when it does not bind these keys.
    /// </summary>
    public BoundReEncryptionKey? BindTo(SystemParameters parameters, PublicKey patient, PublicKey doctor) =>
        Binds(parameters, patient, doctor) ? new BoundReEncryptionKey(this, patient, doctor) : null;

    /// <summary>Compressed encoding.</summary>
    public byte[] Encode() => Point.Encode();

    /// <summary>Decodes and validates.</summary>
    /// <exception cref="EncodingException">Invalid encoding.</exception>
    public static ReEncryptionKey Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded) =>
        new(parameters.Group.DecodeG1(encoded));
}
