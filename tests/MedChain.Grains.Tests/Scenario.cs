using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Signatures;
using Orleans.TestingHost;

namespace MedChain.Grains.Tests;

/// <summary>
/// One hospital with a doctor and a patient, joined and registered through the grains; makes
/// broadcasts the way a doctor's client would (keys stay here, on the "device").
/// </summary>
public sealed class Scenario : IDisposable
{
    private Scenario(SystemParameters parameters, IHospitalGrain hospital, string hospitalId, PublicKey hospitalKey, byte[] hospitalPid,
        SecretKey doctor, SecretKey patient, byte[] alpha, string patientId, string doctorId)
    {
        PatientId = patientId;
        DoctorId = doctorId;
        Parameters = parameters;
        Hospital = hospital;
        HospitalId = hospitalId;
        HospitalKey = hospitalKey;
        HospitalPid = hospitalPid;
        Doctor = doctor;
        Patient = patient;
        Alpha = alpha;
    }

    public SystemParameters Parameters { get; }
    public IHospitalGrain Hospital { get; }
    public string HospitalId { get; }
    public PublicKey HospitalKey { get; }
    public byte[] HospitalPid { get; }
    public SecretKey Doctor { get; }
    public SecretKey Patient { get; }
    public byte[] Alpha { get; }
    public string DoctorId { get; }
    public string PatientId { get; }

    /// <summary>A fresh hospital with a doctor; the patient is new unless one (id and key) is given.</summary>
    public static async Task<Scenario> CreateAsync(TestCluster cluster, string? patientId = null, SecretKey? patientKey = null)
    {
        string json = await cluster.GrainFactory.GetSystemManager().GetParametersAsync();
        SystemParameters p = SystemParameters.FromJson(json);
        string hospitalId = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        IHospitalGrain hospital = cluster.GrainFactory.GetGrain<IHospitalGrain>(hospitalId);
        PublicKey hospitalKey = PublicKey.Decode(p, await hospital.JoinAsync());
        HospitalRegistration registration = (await cluster.GrainFactory.GetSystemManager().GetHospitalAsync(hospitalId))!;
        var doctor = SecretKey.Generate(p);
        SecretKey patient = patientKey is null ? SecretKey.Generate(p) : SecretKey.Import(p, patientKey.Export());
        patientId ??= "patient-" + Guid.NewGuid().ToString("N")[..8];
        string doctorId = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        await hospital.RegisterDoctorAsync(doctorId, doctor.PublicKey.Encode());
        byte[] alpha = await hospital.RegisterPatientAsync(patientId, patient.PublicKey.Encode());
        return new Scenario(p, hospital, hospitalId, hospitalKey, registration.Pid, doctor, patient, alpha, patientId, doctorId);
    }

    /// <summary>A valid broadcast of a record with this (plaintext) body, of any size.</summary>
    public BroadcastRequest Broadcast(byte[] body, string symptom = "R50.9")
    {
        using Scalar t = Parameters.Hashes.Symptom(symptom);
        RecordBroadcast b = DoctorBroadcast.Create(Parameters, Doctor, DoctorId, Patient.PublicKey, PatientId, HospitalKey, HospitalPid, Alpha, t, body);
        return new BroadcastRequest(DoctorId, PatientId, b.SealedRecord(), b.Record.PatientPid, b.Record.Envelope, b.Record.Signature);
    }

    /// <summary>A valid broadcast of a small record, optionally spoiled in one way.</summary>
    public BroadcastRequest Broadcast(string text, string? spoil = null, string symptom = "R50.9")
    {
        using Scalar t = Parameters.Hashes.Symptom(symptom);
        byte[] alpha = spoil == "alpha" ? [1, 2, 3] : Alpha;
        using SecretKey signer = spoil == "signature" ? SecretKey.Generate(Parameters) : SecretKey.Import(Parameters, Doctor.Export());
        RecordBroadcast b = DoctorBroadcast.Create(Parameters, signer, DoctorId, Patient.PublicKey, PatientId, HospitalKey, HospitalPid, alpha, t,
            System.Text.Encoding.UTF8.GetBytes(text));
        byte[] record = b.SealedRecord();
        if (spoil == "ciphertext")
        {
            // A bit of C4 (after the uncompressed C1, C2 and the 32-byte C3): still well-formed, no longer valid.
            record[2 * Parameters.Group.G1UncompressedLength + 40] ^= 1;
            return SignedRequest(record, b.Record.Envelope, Doctor, b.Record);
        }
        return new BroadcastRequest(DoctorId, PatientId, record, b.Record.PatientPid, b.Record.Envelope, b.Record.Signature);
    }

    /// <summary>A broadcast of this sealed record and envelope (with the PIDs of <paramref name="r"/>), signed by <paramref name="signer"/>.</summary>
    private BroadcastRequest SignedRequest(byte[] sealedRecord, byte[] envelope, SecretKey signer, LedgerRecord r)
    {
        (LedgerRecord changed, _) = LedgerRecord.FromSealed(Parameters, sealedRecord, r.PatientPid, r.HospitalPid, envelope, r.DoctorKey, []);
        byte[] signature = SchnorrSignature.Sign(signer, SignaturePurpose.LedgerRecord, changed.SignedBytes()).Encode();
        return new BroadcastRequest(DoctorId, PatientId, sealedRecord, r.PatientPid, envelope, signature);
    }

    /// <summary>
    /// A broadcast of a small record with one part changed and, unless the change is the signer,
    /// signed again by the doctor (so that the hospital can hold him to it): "C1", "C2", "C5" replaced
    /// by another point of G1, "C3", "C4" with a bit flipped, "envelope for another hospital", "other
    /// doctor's key" (signed by someone else), "garbled record" (signed), "garbled signature".
    /// </summary>
    public BroadcastRequest Tampered(string text, string change)
    {
        using Scalar t = Parameters.Hashes.Symptom("R50.9");
        RecordBroadcast b = DoctorBroadcast.Create(Parameters, Doctor, DoctorId, Patient.PublicKey, PatientId, HospitalKey, HospitalPid, Alpha, t,
            System.Text.Encoding.UTF8.GetBytes(text));
        LedgerRecord r = b.Record;
        byte[] record = b.SealedRecord();
        RecordCiphertext c = SealedRecord.Decode(Parameters, record).Header;
        int n = Parameters.Group.G1UncompressedLength;
        int c5 = RecordCiphertext.EncodedLength(Parameters) - n;
        switch (change)
        {
            case "C1": (c.C1 + Parameters.G).Encode(compressed: false).CopyTo(record, 0); break;
            case "C2": (c.C2 + Parameters.G).Encode(compressed: false).CopyTo(record, n); break;
            case "C3": record[2 * n + 5] ^= 1; break;
            case "C4": record[2 * n + 40] ^= 1; break;
            case "C5": (c.C5 + Parameters.G).Encode(compressed: false).CopyTo(record, c5); break;
            case "garbled record": record = record[..^20]; record[1] ^= 0xFF; break;
        }
        using var otherHospital = SecretKey.Generate(Parameters);
        byte[] envelope = change == "envelope for another hospital"
            ? HospitalEnvelope.Seal(Parameters, otherHospital.PublicKey, new EnvelopeContents(Alpha, PatientId, HospitalPid, DoctorId))
            : r.Envelope;
        using SecretKey signer = change == "other doctor's key" ? SecretKey.Generate(Parameters) : SecretKey.Import(Parameters, Doctor.Export());
        BroadcastRequest changed = SignedRequest(record, envelope, signer, r);
        return change == "garbled signature" ? changed with { Signature = changed.Signature[..^3] } : changed;
    }

    /// <summary>Registers one more doctor at this hospital with this key; his id.</summary>
    public async Task<string> RegisterDoctorAsync(SecretKey key)
    {
        string id = "doctor-" + Guid.NewGuid().ToString("N")[..8];
        await Hospital.RegisterDoctorAsync(id, key.PublicKey.Encode());
        return id;
    }

    /// <summary>A consent's scope: the trapdoors of a share request, each for the hospital with that PID_i (base64).</summary>
    public static IEnumerable<(byte[] HospitalPid, byte[] Trapdoor)> Scope(Dictionary<string, byte[]> trapdoors) =>
        trapdoors.Select(t => (Convert.FromBase64String(t.Key), t.Value));

    /// <summary>The grain contract of a signed consent.</summary>
    /// <summary>A search match's sealed record (header || body, the body read from its hospital).</summary>
    public async Task<SealedRecord> SealedAsync(SearchMatch match) =>
        SealedRecord.Decode(Parameters, [.. match.Header, .. (await Hospital.GetRecordBodyAsync(match.BodyHash))!]);

    /// <summary>A shared record as the API assembles it for the doctor (C2'' || header || body), opened with his key.</summary>
    public static async Task<byte[]> OpenSharedAsync(IGrainFactory grains, SystemParameters p, SharedRecord r, SecretKey doctor)
    {
        byte[] body = (await grains.GetGrain<IHospitalGrain>(r.HospitalId).GetRecordBodyAsync(r.BodyHash))!;
        return Protocol.ReEncryption.ReEncryptedRecord.Decode(p, Protocol.ReEncryption.ReEncryptedRecord.Encode(r.C2Transformed, [.. r.Header, .. body])).Decrypt(p, doctor);
    }

    public static ConsentGrant Grant(Protocol.ReEncryption.Consent c) =>
        new(c.ConsentId, c.PatientId, c.DoctorId, c.DoctorKey, c.ReKey, c.ExpiresAtMs, c.Signature, c.Scope);

    /// <summary>Every stored block from genesis to the head, decoded.</summary>
    public async Task<List<Block>> ChainAsync()
    {
        ChainHead head = await Hospital.GetHeadAsync();
        var chain = new List<Block>();
        for (long h = 0; h <= head.Height; h++)
        {
            byte[] bytes = (await Hospital.GetBlockAsync(h))!;
            Assert.True(Block.TryDecode(bytes, out Block? block));
            chain.Add(block!);
        }
        return chain;
    }

    public void Dispose()
    {
        Doctor.Dispose();
        Patient.Dispose();
    }
}
