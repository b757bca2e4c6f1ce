using MedChain.Crypto;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using MedChain.Protocol.Signatures;

namespace MedChain.Bench;

/// <summary>
/// The paper's phases (Table 5), each as one run of the work the paper's phase does, with the
/// participants, tables and a stored record made once per level. What each includes is listed in
/// docs/benchmarks.md; the system's precomputed tables are built before timing.
/// </summary>
public static class SchemePhases
{
    /// <summary>phase-init, phase-hospital-join, phase-user-join, phase-data-join, phase-search-share, phase-search-share-product.</summary>
    public static IReadOnlyList<Operation> For(int level)
    {
        (SystemParameters p, SecretKey sm) = SystemSetup.Initialize(level);
        SecretKey hospital = SecretKey.Generate(p);
        SecretKey doctor = SecretKey.Generate(p);
        SecretKey doctorB = SecretKey.Generate(p);
        SecretKey patient = SecretKey.Generate(p);
        Scalar symptom = p.Hashes.Symptom("R50.9");
        byte[] body = new byte[64];
        var smIssuer = new PseudonymIssuer(sm);
        byte[] hospitalPid = smIssuer.Issue("hospital-a").Encode();
        var contents = new EnvelopeContents(p.Group.RandomNonZeroScalar().Encode(), "patient-1", hospitalPid, "doctor-1");
        RecordBroadcast broadcast = UserJoin(p, hospital, doctor, patient, symptom, body, hospitalPid, contents);
        SealedRecord stored = SealedRecord.Decode(p, broadcast.SealedRecord());

        return
        [
            new Operation("phase-init", () =>
            {
                // SM: x and Y = g^x; a hospital, a doctor and a patient: x_i, x_s, x_j and their public keys.
                var keys = new SecretKey[4];
                for (int i = 0; i < keys.Length; i++)
                {
                    keys[i] = SecretKey.Generate(p);
                }
                return keys;
            }),
            new Operation("phase-hospital-join", () =>
            {
                using var issuer = new PseudonymIssuer(sm);
                return issuer.Issue("hospital-b");
            }),
            new Operation("phase-user-join", () => UserJoin(p, hospital, doctor, patient, symptom, body, hospitalPid,
                contents with { Alpha = p.Group.RandomNonZeroScalar().Encode() })),
            new Operation("phase-data-join", () =>
                BroadcastVerifier.Verify(p, hospital, broadcast.Record, broadcast.Body.Length, contents, patient.PublicKey, doctor.PublicKey)),
            new Operation("phase-search-share", () =>
            {
                // Paper mode, III.E steps 1-7.
                using Scalar rk = PaperReEncryption.CreateKey(patient, doctorB);
                SealedRecord shared = PaperReEncryption.Transform(p, stored, patient.PublicKey, rk)!;
                Trapdoor trapdoor = Trapdoor.Create(p, patient, hospital.PublicKey, symptom);
                bool valid = RecordEncryption.IsValid(p, patient.PublicKey, stored.Header);
                bool found = valid && KeywordMatcher.Create(p, hospital, trapdoor).Matches(stored.Header);
                return found ? PaperReEncryption.Decrypt(p, doctorB, shared, stored.Header) : [];
            }),
            new Operation("phase-search-share-product", () =>
            {
                // Product mode (our default): patient re-key, proxy transform, search, doctor decrypts.
                ReEncryptionKey rk = ReEncryptionKey.Create(patient, doctorB.PublicKey);
                ReEncryptedRecord shared = ReEncryptedRecord.Transform(p, stored, rk.BindTo(p, patient.PublicKey, doctorB.PublicKey)!)!;
                Trapdoor trapdoor = Trapdoor.Create(p, patient, hospital.PublicKey, symptom);
                bool found = KeywordMatcher.Create(p, hospital, trapdoor).Matches(stored.Header);
                return found ? shared.Decrypt(p, doctorB) : [];
            }),
        ];
    }

    /// <summary>III.C: the server's alpha is given; PID_ij, the record, X_ij and the doctor's signed broadcast.</summary>
    private static RecordBroadcast UserJoin(SystemParameters p, SecretKey hospital, SecretKey doctor, SecretKey patient, Scalar symptom,
        byte[] body, byte[] hospitalPid, EnvelopeContents contents) =>
        DoctorBroadcast.Create(p, doctor, contents.DoctorId, patient.PublicKey, contents.PatientId, hospital.PublicKey, hospitalPid, contents.Alpha, symptom, body);
}
