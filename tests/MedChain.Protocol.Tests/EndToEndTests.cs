using System.Security.Cryptography;
using System.Text;
using MedChain.Crypto;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Matching;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Tests;

/// <summary>
/// The six phases of section III in order, in memory: initialization, hospital join, user join,
/// data join (verification and a sealed block), search and sharing (both re-encryption modes),
/// and the patients session (both modes). At level 80, and once at level 128.
/// </summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(128)]
    public void AllSixPhases(int level)
    {
        // A. Initialization: parameters survive their serialized form; participants make keys.
        (SystemParameters p, SecretKey sm) = Fixture.System(level);
        SystemParameters reloaded = SystemParameters.FromJson(p.ToJson());
        Assert.Equal(p.G, reloaded.G);
        Assert.Equal(p.Y, reloaded.Y);
        Assert.Equal(p.Y, sm.PublicKey.Point);
        using SecretKey hospitalA = SecretKey.Generate(p);
        using SecretKey hospitalB = SecretKey.Generate(p);
        using SecretKey doctorA = SecretKey.Generate(p);
        using SecretKey doctorB = SecretKey.Generate(p);
        using SecretKey patient = SecretKey.Generate(p);

        // B. Hospital join: the SM issues PID_i and can open it again.
        using var smIssuer = new PseudonymIssuer(sm);
        PseudoIdentity hospitalPid = smIssuer.Issue("hospital-a.example");
        Assert.True(smIssuer.TryOpen(PseudoIdentity.Decode(hospitalPid.Encode()), out string? openedId));
        Assert.Equal("hospital-a.example", openedId);
        Assert.NotEqual(hospitalPid, smIssuer.Issue("hospital-a.example"));
        byte[] pidA = hospitalPid.Encode();

        // C. User join: alpha from the server, PID_ij from the doctor, the record and X_ij.
        byte[] alpha = p.Group.RandomNonZeroScalar().Encode();
        using var doctorIssuer = new PseudonymIssuer(doctorA);
        byte[] patientPid = doctorIssuer.Issue("patient-0042").Encode();
        using Scalar fever = p.Hashes.Symptom("R50.9");
        byte[] diagnosis = Encoding.UTF8.GetBytes("Fever of unknown origin; blood cultures ordered.");
        SealedRecord record = RecordEncryption.Encrypt(p, patient.PublicKey, fever, diagnosis);
        var contents = new EnvelopeContents(alpha, "patient-0042", pidA, "doctor-a-7");
        byte[] envelope = HospitalEnvelope.Seal(p, hospitalA.PublicKey, contents);
        (LedgerRecord broadcast, ReadOnlyMemory<byte> body) = LedgerRecord.FromSealed(p, record.Encode(), patientPid, pidA, envelope, doctorA.PublicKey.Encode(), []);
        broadcast = broadcast with { Signature = SchnorrSignature.Sign(doctorA, SignaturePurpose.LedgerRecord, broadcast.SignedBytes()).Encode() };

        // D. Data join: the server opens X_ij, checks identities, signature and validity, seals a block.
        Assert.True(HospitalEnvelope.TryOpen(p, hospitalA, broadcast.Envelope, out EnvelopeContents? opened));
        Assert.True(opened!.Matches(contents));
        Assert.True(SchnorrSignature.Decode(p, broadcast.Signature).Verify(p, doctorA.PublicKey, SignaturePurpose.LedgerRecord, broadcast.SignedBytes()));
        Assert.True(broadcast.Carries(body.Span));
        SealedRecord stored = SealedRecord.Decode(p, broadcast.SealedRecord(body.Span));
        Assert.True(RecordEncryption.IsValid(p, patient.PublicKey, stored.Header));
        Block genesis = Block.Seal(hospitalA, pidA, null, [broadcast], DateTimeOffset.UnixEpoch.AddDays(20000));
        var validator = new ChainValidator(p, hospitalA.PublicKey, pidA, BlockPolicy.Paper,
            r => RecordEncryption.IsValid(p, patient.PublicKey, RecordCiphertext.Decode(p, r.Header)));
        Assert.True(validator.Validate([genesis]).IsValid);

        // E. Search: the patient's trapdoor finds the record at hospital A.
        Trapdoor trapdoor = Trapdoor.Create(p, patient, hospitalA.PublicKey, fever);
        Assert.True(KeywordMatcher.Create(p, hospitalA, Trapdoor.Decode(p, trapdoor.Encode())).Matches(stored.Header));

        // E. Sharing, product mode: the patient's re-key, the SM transforms, doctor B decrypts.
        ReEncryptionKey rk = ReEncryptionKey.Create(patient, doctorB.PublicKey);
        ReEncryptedRecord? shared = ReEncryptedRecord.Transform(p, stored, rk.BindTo(p, patient.PublicKey, doctorB.PublicKey)!);
        Assert.NotNull(shared);
        ReEncryptedRecord received = ReEncryptedRecord.Decode(p, shared.Encode());
        Assert.Equal(diagnosis, received.Decrypt(p, doctorB));

        // E. Sharing, paper mode (Table 5 reproduction), and the patient reading his own record.
        using Scalar paperKey = PaperReEncryption.CreateKey(patient, doctorB);
        SealedRecord? paperShared = PaperReEncryption.Transform(p, stored, patient.PublicKey, paperKey);
        Assert.NotNull(paperShared);
        Assert.Equal(diagnosis, PaperReEncryption.Decrypt(p, doctorB, paperShared, stored.Header));
        Assert.Equal(diagnosis, RecordEncryption.DecryptAsPatient(p, patient, stored));

        // F. Patients session: hardened mode (default) and paper mode agree on equal symptoms.
        (byte[]? hardenedA, byte[]? hardenedB) = MatchingRuns.Hardened(p, "R50.9", "r50.9 ");
        Assert.NotNull(hardenedA);
        Assert.Equal(hardenedA, hardenedB);
        Assert.True(hardenedA.AsSpan().ContainsAnyExcept((byte)0), "the session key must not be wiped");
        (byte[]? paperA, byte[]? paperB) = MatchingRuns.Paper(p, "R50.9", "R50.9");
        Assert.NotNull(paperA);
        Assert.Equal(paperA, paperB);
        Assert.True(paperA.AsSpan().ContainsAnyExcept((byte)0), "the session key must not be wiped");
    }

    [Fact]
    public void LargeBodiesRoundTrip()
    {
        SystemParameters p = Fixture.Parameters(80);
        using SecretKey patient = SecretKey.Generate(p);
        using Scalar t = p.Hashes.Symptom("J18.9");
        byte[] body = RandomNumberGenerator.GetBytes(SealedRecord.MaxBodyLength);
        SealedRecord record = SealedRecord.Decode(p, RecordEncryption.Encrypt(p, patient.PublicKey, t, body).Encode());
        Assert.Equal(body, RecordEncryption.DecryptAsPatient(p, patient, record));
        Assert.Throws<ArgumentException>(() => RecordEncryption.Encrypt(p, patient.PublicKey, t, new byte[SealedRecord.MaxBodyLength + 1]));
    }
}
