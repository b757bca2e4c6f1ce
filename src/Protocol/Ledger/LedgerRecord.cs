using System.Security.Cryptography;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// One record as broadcast by a doctor and kept on a hospital's chain: the sealed record (header
/// C1..C5 and body), the patient's pseudo identity PID_ij, the hospital's PID_i, the envelope X_ij
/// for the hospital server, the doctor's public key, and the doctor's Schnorr signature over all
/// of these (<see cref="SignedBytes"/>). Its Merkle leaf is SHA-256(0x00 || <see cref="Encode"/>).
/// </summary>
public sealed record LedgerRecord(byte[] SealedRecord, byte[] PatientPid, byte[] HospitalPid, byte[] Envelope, byte[] DoctorKey, byte[] Signature)
{
    /// <summary>Largest encoded record (a 10 MiB body plus headers).</summary>
    public const int MaxEncodedLength = 11 * 1024 * 1024;

    /// <summary>What the doctor signs: the five fields, length-prefixed, after a version byte.</summary>
    public byte[] SignedBytes() => new CanonicalWriter()
        .Byte(1).Bytes(SealedRecord).Bytes(PatientPid).Bytes(HospitalPid).Bytes(Envelope).Bytes(DoctorKey)
        .ToArray();

    /// <summary>The signed bytes followed by the signature.</summary>
    public byte[] Encode() => new CanonicalWriter().Fixed(SignedBytes()).Bytes(Signature).ToArray();

    /// <summary>The record's Merkle leaf hash.</summary>
    public byte[] LeafHash() => MerkleTree.HashLeaf(Encode());

    /// <summary>The record's id on its chain (receipts, the record index): the hex of its leaf hash.</summary>
    public string RecordId() => IdOf(Encode());

    /// <summary><see cref="RecordId"/> of a record already encoded.</summary>
    public static string IdOf(ReadOnlySpan<byte> encoded) => Convert.ToHexString(MerkleTree.HashLeaf(encoded));

    /// <summary>Reads <see cref="Encode"/>'s form; false when malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out LedgerRecord? record)
    {
        record = null;
        var r = new CanonicalReader(encoded);
        if (encoded.Length > MaxEncodedLength
            || !r.TryByte(out byte version) || version != 1
            || !r.TryBytes(MaxEncodedLength, out byte[] sealedRecord)
            || !r.TryBytes(4096, out byte[] patientPid)
            || !r.TryBytes(4096, out byte[] hospitalPid)
            || !r.TryBytes(65536, out byte[] envelope)
            || !r.TryBytes(4096, out byte[] doctorKey)
            || !r.TryBytes(4096, out byte[] signature)
            || !r.AtEnd)
        {
            return false;
        }
        record = new LedgerRecord(sealedRecord, patientPid, hospitalPid, envelope, doctorKey, signature);
        return true;
    }

    /// <summary>Byte-wise equality of every field.</summary>
    public bool SameAs(LedgerRecord other) => CryptographicOperations.FixedTimeEquals(Encode(), other.Encode());
}
