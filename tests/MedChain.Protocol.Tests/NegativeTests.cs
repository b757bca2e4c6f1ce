using System.Security.Cryptography;
using System.Text;
using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Tests;

/// <summary>Each way the scheme must refuse: one test per case, at level 80.</summary>
public sealed class NegativeTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);

    [Fact]
    public void WrongSymptomFailsTheTrapdoorTest()
    {
        using SecretKey hospital = SecretKey.Generate(s_p);
        using SecretKey patient = SecretKey.Generate(s_p);
        using Scalar fever = s_p.Hashes.Symptom("R50.9");
        using Scalar cough = s_p.Hashes.Symptom("R05");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, fever, "x"u8);
        Assert.False(KeywordMatcher.Create(s_p, hospital, Trapdoor.Create(s_p, patient, hospital.PublicKey, cough)).Matches(record.Header));
        Assert.True(KeywordMatcher.Create(s_p, hospital, Trapdoor.Create(s_p, patient, hospital.PublicKey, fever)).Matches(record.Header));
    }

    [Fact]
    public void TrapdoorForAnotherHospitalOrPatientFindsNothing()
    {
        using SecretKey hospital = SecretKey.Generate(s_p);
        using SecretKey otherHospital = SecretKey.Generate(s_p);
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey otherPatient = SecretKey.Generate(s_p);
        using Scalar fever = s_p.Hashes.Symptom("R50.9");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, fever, "x"u8);
        Assert.False(KeywordMatcher.Create(s_p, otherHospital, Trapdoor.Create(s_p, patient, hospital.PublicKey, fever)).Matches(record.Header));
        Assert.False(KeywordMatcher.Create(s_p, hospital, Trapdoor.Create(s_p, otherPatient, hospital.PublicKey, fever)).Matches(record.Header));
    }

    public static TheoryData<string> Parts() => new() { "C1", "C2", "C3", "C4", "C5" };

    [Theory]
    [MemberData(nameof(Parts))]
    public void EveryTamperedPartFailsValidity(string part)
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("I10");
        RecordCiphertext c = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "x"u8).Header;
        Assert.True(RecordEncryption.IsValid(s_p, patient.PublicKey, c));
        G1Point other = s_p.Group.RandomG1();
        byte[] c3 = c.C3.ToArray();
        byte[] c4 = c.C4.ToArray();
        RecordCiphertext tampered = part switch
        {
            "C1" => new RecordCiphertext(c.C1 + other, c.C2, c3, c4, c.C5),
            "C2" => new RecordCiphertext(c.C1, c.C2 + other, c3, c4, c.C5),
            "C3" => new RecordCiphertext(c.C1, c.C2, Flip(c3), c4, c.C5),
            "C4" => new RecordCiphertext(c.C1, c.C2, c3, Flip(c4), c.C5),
            "C5" => new RecordCiphertext(c.C1, c.C2, c3, c4, c.C5 + other),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        Assert.False(RecordEncryption.IsValid(s_p, patient.PublicKey, tampered));
    }

    [Fact]
    public void MovingAFactorFromC5ToC2FailsValidity()
    {
        // The paper's check e(C1, PK u^h v d) = e(g1, C2 C5) sees only C2*C5; ours binds C2 alone too.
        using SecretKey patient = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("I10");
        RecordCiphertext c = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "x"u8).Header;
        G1Point x = s_p.Group.RandomG1();
        var split = new RecordCiphertext(c.C1, c.C2 + x, c.C3.ToArray(), c.C4.ToArray(), c.C5 - x);
        Assert.False(RecordEncryption.IsValid(s_p, patient.PublicKey, split));
    }

    [Fact]
    public void ZeroSymptomIsRefused()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey hospital = SecretKey.Generate(s_p);
        using Scalar zero = s_p.Group.CreateScalar(0);
        Assert.Throws<ArgumentException>(() => RecordEncryption.Encrypt(s_p, patient.PublicKey, zero, "x"u8));
        Assert.Throws<ArgumentException>(() => Trapdoor.Create(s_p, patient, hospital.PublicKey, zero));
    }

    [Fact]
    public void ValidityIsBoundToThePatientKey()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey other = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("I10");
        RecordCiphertext c = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "x"u8).Header;
        Assert.False(RecordEncryption.IsValid(s_p, other.PublicKey, c));
    }

    [Fact]
    public void ReKeyForDoctorADoesNotDecryptForDoctorB()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey doctorA = SecretKey.Generate(s_p);
        using SecretKey doctorB = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("E11.9");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "glucose 9.1 mmol/l"u8);
        ReEncryptionKey forA = ReEncryptionKey.Create(patient, doctorA.PublicKey);
        ReEncryptedRecord shared = ReEncryptedRecord.Transform(s_p, record, forA.BindTo(s_p, patient.PublicKey, doctorA.PublicKey)!)!;
        Assert.Throws<CryptographicException>(() => shared.Decrypt(s_p, doctorB));
        Assert.Equal("glucose 9.1 mmol/l"u8.ToArray(), shared.Decrypt(s_p, doctorA));
        // The proxy refuses a key that does not bind the named doctor.
        Assert.Null(forA.BindTo(s_p, patient.PublicKey, doctorB.PublicKey));
    }

    [Fact]
    public void ProxyRefusesInvalidRecords()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey doctor = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("E11.9");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "x"u8);
        RecordCiphertext c = record.Header;
        var broken = new SealedRecord(new RecordCiphertext(c.C1, c.C2, c.C3.ToArray(), Flip(c.C4.ToArray()), c.C5), record.Body.ToArray());
        ReEncryptionKey rk = ReEncryptionKey.Create(patient, doctor.PublicKey);
        Assert.Null(ReEncryptedRecord.Transform(s_p, broken, rk.BindTo(s_p, patient.PublicKey, doctor.PublicKey)!));
        using Scalar paperKey = PaperReEncryption.CreateKey(patient, doctor);
        Assert.Null(PaperReEncryption.Transform(s_p, broken, patient.PublicKey, paperKey));
    }

    [Fact]
    public void TamperedBodyFailsGcm()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("K35.80");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, Encoding.UTF8.GetBytes("appendicitis"));
        byte[] body = record.Body.ToArray();
        body[3] ^= 0x40;
        var tampered = new SealedRecord(record.Header, body);
        Assert.ThrowsAny<CryptographicException>(() => RecordEncryption.DecryptAsPatient(s_p, patient, tampered));
    }

    [Fact]
    public void WrongKeyIsRefusedBeforeTheBody()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey stranger = SecretKey.Generate(s_p);
        using Scalar t = s_p.Hashes.Symptom("K35.80");
        SealedRecord record = RecordEncryption.Encrypt(s_p, patient.PublicKey, t, "x"u8);
        CryptographicException e = Assert.Throws<CryptographicException>(() => RecordEncryption.DecryptAsPatient(s_p, stranger, record));
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void WrongHospitalKeyCannotOpenTheEnvelope()
    {
        using SecretKey hospital = SecretKey.Generate(s_p);
        using SecretKey other = SecretKey.Generate(s_p);
        var contents = new EnvelopeContents([1, 2, 3], "patient", [4, 5], "doctor");
        byte[] x = HospitalEnvelope.Seal(s_p, hospital.PublicKey, contents);
        Assert.False(HospitalEnvelope.TryOpen(s_p, other, x, out _));
        x[^1] ^= 1;
        Assert.False(HospitalEnvelope.TryOpen(s_p, hospital, x, out _));
        x[^1] ^= 1;
        Assert.True(HospitalEnvelope.TryOpen(s_p, hospital, x, out EnvelopeContents? opened));
        Assert.True(opened!.Matches(contents));
    }

    [Fact]
    public void BadDoctorSignatureIsRejected()
    {
        using SecretKey doctor = SecretKey.Generate(s_p);
        using SecretKey other = SecretKey.Generate(s_p);
        byte[] message = "broadcast"u8.ToArray();
        SchnorrSignature signature = SchnorrSignature.Sign(doctor, SignaturePurpose.LedgerRecord, message);
        Assert.True(signature.Verify(s_p, doctor.PublicKey, SignaturePurpose.LedgerRecord, message));
        Assert.False(signature.Verify(s_p, other.PublicKey, SignaturePurpose.LedgerRecord, message));
        Assert.False(signature.Verify(s_p, doctor.PublicKey, SignaturePurpose.LedgerRecord, "broadcast!"u8));
        Assert.False(signature.Verify(s_p, doctor.PublicKey, SignaturePurpose.BlockHeader, message));
        byte[] encoded = signature.Encode();
        encoded[^1] ^= 1;
        Assert.False(SchnorrSignature.Decode(s_p, encoded).Verify(s_p, doctor.PublicKey, SignaturePurpose.LedgerRecord, message));
    }

    [Fact]
    public void PseudonymsOpenOnlyForTheirIssuer()
    {
        using SecretKey sm = SecretKey.Generate(s_p);
        using SecretKey other = SecretKey.Generate(s_p);
        using var issuer = new Identity.PseudonymIssuer(sm);
        using var stranger = new Identity.PseudonymIssuer(other);
        byte[] pid = issuer.Issue("hospital-b").Encode();
        Assert.False(stranger.TryOpen(Identity.PseudoIdentity.Decode(pid), out _));
        pid[20] ^= 1;
        Assert.False(issuer.TryOpen(Identity.PseudoIdentity.Decode(pid), out _));
        Assert.Throws<MedChain.Crypto.Encoding.EncodingException>(() => Identity.PseudoIdentity.Decode(pid[1..]));
        Assert.Throws<ArgumentException>(() => issuer.Issue(new string('x', 65)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MatchingFailsOnDifferentSymptoms(bool hardened)
    {
        (byte[]? a, byte[]? b) = hardened
            ? MatchingRuns.Hardened(s_p, "R50.9", "R05")
            : MatchingRuns.Paper(s_p, "R50.9", "R05");
        Assert.Null(a);
        Assert.Null(b);
    }

    private static byte[] Flip(byte[] bytes)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[0] ^= 0x01;
        return copy;
    }
}
