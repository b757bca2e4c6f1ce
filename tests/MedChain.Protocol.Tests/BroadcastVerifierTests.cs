using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Tests;

/// <summary>The server's verification of a broadcast names each failure (III.D).</summary>
public sealed class BroadcastVerifierTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);

    [Theory]
    [InlineData("valid", BroadcastCheck.Valid)]
    [InlineData("garbled record", BroadcastCheck.InvalidRecord)]
    [InlineData("garbled signature", BroadcastCheck.Malformed)]
    [InlineData("envelope for another hospital", BroadcastCheck.EnvelopeUnreadable)]
    [InlineData("other alpha", BroadcastCheck.IdentityMismatch)]
    [InlineData("other doctor key", BroadcastCheck.IdentityMismatch)]
    [InlineData("other hospital pid in the record", BroadcastCheck.IdentityMismatch)]
    [InlineData("signature by another key", BroadcastCheck.BadSignature)]
    [InlineData("record for another patient", BroadcastCheck.InvalidCiphertext)]
    [InlineData("body swapped after signing", BroadcastCheck.BadSignature)]
    [InlineData("body shorter than its tag", BroadcastCheck.InvalidRecord)]
    public void EachCheckIsNamed(string variant, BroadcastCheck expected)
    {
        using SecretKey hospital = SecretKey.Generate(s_p);
        using SecretKey otherHospital = SecretKey.Generate(s_p);
        using SecretKey doctor = SecretKey.Generate(s_p);
        using SecretKey otherDoctor = SecretKey.Generate(s_p);
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey otherPatient = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("R50.9");
        byte[] hospitalPid = [1, 2, 3];
        var expectedContents = new EnvelopeContents([9, 9], "patient-1", hospitalPid, "doctor-1");

        PublicKey recordKey = variant == "record for another patient" ? otherPatient.PublicKey : patient.PublicKey;
        byte[] record = RecordEncryption.Encrypt(s_p, recordKey, t, "diagnosis"u8).Encode();
        if (variant == "garbled record")
        {
            record = record[..^20];
            record[1] ^= 0xFF;
        }
        PublicKey envelopeKey = variant == "envelope for another hospital" ? otherHospital.PublicKey : hospital.PublicKey;
        EnvelopeContents sealedContents = variant == "other alpha" ? expectedContents with { Alpha = [8, 8] } : expectedContents;
        byte[] envelope = HospitalEnvelope.Seal(s_p, envelopeKey, sealedContents);
        byte[] doctorKey = (variant == "other doctor key" ? otherDoctor : doctor).PublicKey.Encode();
        byte[] recordPid = variant == "other hospital pid in the record" ? [3, 2, 1] : hospitalPid;
        if (variant == "body shorter than its tag")
        {
            record = record[..(RecordCiphertext.EncodedLength(s_p) + 8)];
        }
        (LedgerRecord broadcast, ReadOnlyMemory<byte> body) = LedgerRecord.FromSealed(s_p, record, [4], recordPid, envelope, doctorKey, []);
        SecretKey signer = variant == "signature by another key" ? otherDoctor : doctor;
        broadcast = broadcast with { Signature = SchnorrSignature.Sign(signer, SignaturePurpose.LedgerRecord, broadcast.SignedBytes()).Encode() };
        if (variant == "body swapped after signing")
        {
            // The server hashes the body it received: another body, another ledger record than the one signed.
            byte[] other = body.ToArray();
            other[0] ^= 1;
            (LedgerRecord received, _) = LedgerRecord.FromSealed(s_p, broadcast.SealedRecord(other), broadcast.PatientPid, broadcast.HospitalPid, envelope, doctorKey, broadcast.Signature);
            broadcast = received;
        }
        if (variant == "garbled signature")
        {
            broadcast = broadcast with { Signature = broadcast.Signature[..^3] };
        }

        BroadcastCheck check = BroadcastVerifier.Verify(s_p, hospital, broadcast, body.Length, expectedContents, patient.PublicKey, doctor.PublicKey);
        Assert.Equal(expected, check);
        // Only what the doctor signed is held against him: every refusal after his signature verified.
        Assert.Equal(expected is not (BroadcastCheck.Valid or BroadcastCheck.Malformed or BroadcastCheck.BadSignature), check.CostsDoctorCredit());
    }
}
