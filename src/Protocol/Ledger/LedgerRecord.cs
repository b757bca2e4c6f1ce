using System.Security.Cryptography;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// One record as broadcast by a doctor and kept on a hospital's chain: the sealed record's header
/// C1..C5, the hash of its encrypted body (<see cref="HashBody"/>; the body itself is stored once,
/// beside the ledger), the patient's pseudo identity PID_ij, the hospital's PID_i, the envelope X_ij
/// for the hospital server, the doctor's public key, and the doctor's Schnorr signature over all of
/// these (<see cref="SignedBytes"/>). A record is a few kilobytes whatever its body, so blocks,
/// pending pools and replicas stay small. Its Merkle leaf is SHA-256(0x00 || <see cref="Encode"/>).
/// </summary>
public sealed record LedgerRecord(byte[] Header, byte[] BodyHash, byte[] PatientPid, byte[] HospitalPid, byte[] Envelope, byte[] DoctorKey, byte[] Signature)
{
    /// <summary>Largest encoded record (the header, PIDs, envelope, key and signature).</summary>
    public const int MaxEncodedLength = 128 * 1024;

    /// <summary>Length of <see cref="BodyHash"/>.</summary>
    public const int BodyHashLength = 32;

    /// <summary>What the doctor signs: the six fields, length-prefixed, after a version byte.</summary>
    public byte[] SignedBytes() => new CanonicalWriter()
        .Byte(2).Bytes(Header).Bytes(BodyHash).Bytes(PatientPid).Bytes(HospitalPid).Bytes(Envelope).Bytes(DoctorKey)
        .ToArray();

    /// <summary>The signed bytes followed by the signature.</summary>
    public byte[] Encode() => new CanonicalWriter().Fixed(SignedBytes()).Bytes(Signature).ToArray();

    /// <summary>The record's Merkle leaf hash.</summary>
    public byte[] LeafHash() => MerkleTree.HashLeaf(Encode());

    /// <summary>The record's id on its chain (receipts, the record index): the hex of its leaf hash.</summary>
    public string RecordId() => IdOf(Encode());

    /// <summary><see cref="RecordId"/> of a record already encoded.</summary>
    public static string IdOf(ReadOnlySpan<byte> encoded) => Convert.ToHexString(MerkleTree.HashLeaf(encoded));

    /// <summary>SHA-256("MedChain-V1-RecordBody\0" || body): what a ledger record commits to of its encrypted body.</summary>
    public static byte[] HashBody(ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("MedChain-V1-RecordBody\0"u8);
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>Whether <paramref name="body"/> is the body this record commits to.</summary>
    public bool Carries(ReadOnlySpan<byte> body) => CryptographicOperations.FixedTimeEquals(HashBody(body), BodyHash);

    /// <summary>
    /// The ledger record of a sealed record as broadcast (header || body), and the body: the first
    /// <see cref="RecordCiphertext.EncodedLength"/> bytes are the header (all of them when there are
    /// fewer, which the verifier then refuses), the rest the body, committed to by its hash.
    /// </summary>
    public static (LedgerRecord Record, ReadOnlyMemory<byte> Body) FromSealed(SystemParameters parameters, byte[] sealedRecord, byte[] patientPid,
        byte[] hospitalPid, byte[] envelope, byte[] doctorKey, byte[] signature)
    {
        int headerLength = Math.Min(RecordCiphertext.EncodedLength(parameters), sealedRecord.Length);
        ReadOnlyMemory<byte> body = sealedRecord.AsMemory(headerLength);
        return (new LedgerRecord(sealedRecord[..headerLength], HashBody(body.Span), patientPid, hospitalPid, envelope, doctorKey, signature), body);
    }

    /// <summary>header || body: the sealed record again, for decryption.</summary>
    public byte[] SealedRecord(ReadOnlySpan<byte> body) => [.. Header, .. body];

    /// <summary>Reads <see cref="Encode"/>'s form; false when malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out LedgerRecord? record)
    {
        record = null;
        var r = new CanonicalReader(encoded);
        if (encoded.Length > MaxEncodedLength
            || !r.TryByte(out byte version) || version != 2
            || !r.TryBytes(8192, out byte[] header)
            || !r.TryBytes(BodyHashLength, out byte[] bodyHash) || bodyHash.Length != BodyHashLength
            || !r.TryBytes(4096, out byte[] patientPid)
            || !r.TryBytes(4096, out byte[] hospitalPid)
            || !r.TryBytes(65536, out byte[] envelope)
            || !r.TryBytes(4096, out byte[] doctorKey)
            || !r.TryBytes(4096, out byte[] signature)
            || !r.AtEnd)
        {
            return false;
        }
        record = new LedgerRecord(header, bodyHash, patientPid, hospitalPid, envelope, doctorKey, signature);
        return true;
    }

    /// <summary>Byte-wise equality of every field.</summary>
    public bool SameAs(LedgerRecord other) => CryptographicOperations.FixedTimeEquals(Encode(), other.Encode());
}
