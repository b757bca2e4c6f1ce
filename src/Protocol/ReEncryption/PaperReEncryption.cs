using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// Re-encryption exactly as the paper writes it (III.E steps 1, 4 and 7), kept for the Table 5
/// reproduction only: the patient and the doctor hand their private keys to the SM, which computes
/// rk = x_s/x_j mod r and C2' = C2^rk = PK_s^r; the doctor recovers K = e(C2', g)^(1/x_s).
/// Insecure by design (the SM learns both keys); see docs/deviations.md.
/// </summary>
public static class PaperReEncryption
{
    /// <summary>The SM's side: rk = x_s / x_j from both private keys.</summary>
    public static Scalar CreateKey(SecretKey patient, SecretKey doctor)
    {
        using Scalar inverse = patient.X.Invert();
        return doctor.X * inverse;
    }

    /// <summary>The SM's side: checks validity, then C_s = (C1, C2^rk, C3, C4, C5). Null when invalid.</summary>
    public static SealedRecord? Transform(SystemParameters parameters, SealedRecord record, PublicKey patient, Scalar reKey)
    {
        if (!RecordEncryption.IsValid(parameters, patient, record.Header))
        {
            return null;
        }
        RecordCiphertext c = record.Header;
        var transformed = new RecordCiphertext(c.C1, c.C2.Multiply(reKey), c.C3.ToArray(), c.C4.ToArray(), c.C5);
        return new SealedRecord(transformed, record.Body.ToArray());
    }

    /// <summary>
    /// The doctor's side: K = e(C2', g)^(1/x_s), then decryption. The body was sealed with the
    /// original header as associated data, which the caller supplies.
    /// </summary>
    public static byte[] Decrypt(SystemParameters parameters, SecretKey doctor, SealedRecord transformed, RecordCiphertext originalHeader)
    {
        using Scalar inverse = doctor.X.Invert();
        GtElement k = parameters.Tables.PreparedG.Pair(transformed.Header.C2).Pow(inverse);
        return RecordEncryption.Open(parameters, k, new SealedRecord(originalHeader, transformed.Body.ToArray()));
    }
}
