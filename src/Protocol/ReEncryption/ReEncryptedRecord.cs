using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// A record transformed by the proxy for one doctor in product mode: C2'' = e(C2, rk) =
/// e(g, g)^(x_s r) in GT replaces C2; the doctor recovers K = C2''^(1/x_s). The other parts and
/// the body are unchanged. Encoded as C2'' || original sealed record.
/// </summary>
public sealed class ReEncryptedRecord
{
    internal ReEncryptedRecord(GtElement c2Transformed, SealedRecord original)
    {
        C2Transformed = c2Transformed;
        Original = original;
    }

    /// <summary>C2'' = e(C2, rk).</summary>
    public GtElement C2Transformed { get; }

    /// <summary>The stored record it came from.</summary>
    public SealedRecord Original { get; }

    /// <summary>
    /// The proxy's side (III.E step 4, product mode) for one record, under a re-key checked once for
    /// the request (<see cref="ReEncryptionKey.BindTo"/>): checks the record's validity for the
    /// patient's key (<see cref="RecordEncryption.IsValid"/>), then C2'' = e(C2, rk). Null when the
    /// record is not valid (the paper's ⊥).
    /// </summary>
    public static ReEncryptedRecord? Transform(SystemParameters parameters, SealedRecord record, BoundReEncryptionKey key) =>
        TransformHeader(parameters, record.Header, key) is { } c2 ? new ReEncryptedRecord(c2, record) : null;

    /// <summary>
    /// <see cref="Transform"/> on the header alone (the body is unchanged and need not travel
    /// through the proxy): C2'' = e(C2, rk) for a valid header, null otherwise.
    /// </summary>
    public static GtElement? TransformHeader(SystemParameters parameters, RecordCiphertext header, BoundReEncryptionKey key) =>
        RecordEncryption.IsValid(parameters, key.Patient, header) ? parameters.Group.Pair(header.C2, key.Key.Point) : null;

    /// <summary><see cref="Encode()"/> from C2'' (encoded) and the sealed record (header || body), where the body is read.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> c2Transformed, ReadOnlySpan<byte> sealedRecord) => [.. c2Transformed, .. sealedRecord];

    /// <summary>The doctor's side: K = C2''^(1/x_s), then decryption.</summary>
    public byte[] Decrypt(SystemParameters parameters, SecretKey doctor)
    {
        using Scalar inverse = doctor.X.Invert();
        return RecordEncryption.Open(parameters, C2Transformed.Pow(inverse), Original);
    }

    /// <summary>C2'' || sealed record.</summary>
    public byte[] Encode() => Encode(C2Transformed.Encode(), Original.Encode());

    /// <summary>Decodes and validates.</summary>
    /// <exception cref="EncodingException">Invalid encoding.</exception>
    public static ReEncryptedRecord Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded)
    {
        int n = parameters.Group.GtLength;
        if (encoded.Length < n)
        {
            throw new EncodingException(EncodingError.InvalidLength, "re-encrypted record");
        }
        return new ReEncryptedRecord(parameters.Group.DecodeGt(encoded[..n], allowIdentity: false), SealedRecord.Decode(parameters, encoded[n..]));
    }
}
