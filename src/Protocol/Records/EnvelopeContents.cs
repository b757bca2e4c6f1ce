using System.Buffers.Binary;
using System.Text;

namespace MedChain.Protocol.Records;

/// <summary>
/// The plaintext of X_ij: the evidence alpha the hospital gave the patient, the patient's identity
/// ID_ij, the hospital's pseudo identity PID_i and the doctor's identity ID_s. Encoded as four
/// fields, each a 2-byte big-endian length and its bytes (identities as UTF-8).
/// </summary>
public sealed record EnvelopeContents(byte[] Alpha, string PatientId, byte[] HospitalPid, string DoctorId)
{
    /// <summary>The length-prefixed encoding.</summary>
    public byte[] Encode()
    {
        byte[][] fields = [Alpha, Encoding.UTF8.GetBytes(PatientId), HospitalPid, Encoding.UTF8.GetBytes(DoctorId)];
        var result = new List<byte>();
        byte[] len = new byte[2];
        foreach (byte[] f in fields)
        {
            if (f.Length > ushort.MaxValue)
            {
                throw new ArgumentException("An envelope field is too long.");
            }
            BinaryPrimitives.WriteUInt16BigEndian(len, (ushort)f.Length);
            result.AddRange(len);
            result.AddRange(f);
        }
        return [.. result];
    }

    /// <summary>Reads the encoding; false when malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out EnvelopeContents? contents)
    {
        contents = null;
        var fields = new byte[4][];
        for (int i = 0; i < 4; i++)
        {
            if (encoded.Length < 2)
            {
                return false;
            }
            int len = BinaryPrimitives.ReadUInt16BigEndian(encoded);
            if (encoded.Length < 2 + len)
            {
                return false;
            }
            fields[i] = encoded.Slice(2, len).ToArray();
            encoded = encoded[(2 + len)..];
        }
        if (!encoded.IsEmpty)
        {
            return false;
        }
        try
        {
            var strict = new UTF8Encoding(false, true);
            contents = new EnvelopeContents(fields[0], strict.GetString(fields[1]), fields[2], strict.GetString(fields[3]));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Field-by-field equality (the record's default compares array references).</summary>
    public bool Matches(EnvelopeContents other) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Alpha, other.Alpha) && PatientId == other.PatientId
        && HospitalPid.AsSpan().SequenceEqual(other.HospitalPid) && DoctorId == other.DoctorId;
}
