using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// A hospital server (key: hospital id): its key pair (the secret encrypted at rest), registered
/// doctors and patients, the verified pending pool and the private chain it seals (10 records or
/// the block interval). The only verifier of its chain ("improved DPoS").
/// </summary>
[Alias("medchain.IHospitalGrain")]
public interface IHospitalGrain : IGrainWithStringKey
{
    /// <summary>Creates the hospital's key pair and joins the SM on first call (idempotent); returns the public key.</summary>
    [Alias("Join")]
    Task<byte[]> JoinAsync();

    /// <summary>Registers a doctor's public key; a <see cref="RefusalException"/> when he is registered with another key or elsewhere.</summary>
    [Alias("RegisterDoctor")]
    Task<DoctorStanding> RegisterDoctorAsync(string doctorId, byte[] publicKey);

    /// <summary>Registers a patient's public key and returns the evidence alpha for his visits; a <see cref="RefusalException"/> for another key.</summary>
    [Alias("RegisterPatient")]
    Task<byte[]> RegisterPatientAsync(string patientId, byte[] publicKey);

    /// <summary>
    /// Verifies a broadcast and, when valid, stores it durably in the pending pool before answering.
    /// Broadcasts interleave with each other so that their verifications run in parallel.
    /// </summary>
    [Alias("Broadcast")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<BroadcastReceipt> BroadcastAsync(BroadcastRequest request);

    /// <summary>
    /// Called by the SM when the hospital's credit falls to the suspension threshold: the hospital
    /// refuses further broadcasts (records already acknowledged are still sealed).
    /// </summary>
    [Alias("Suspend")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task SuspendAsync();

    /// <summary>Called by the SM when the sm-admin reinstates the hospital: it takes broadcasts again.</summary>
    [Alias("Reinstate")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task ReinstateAsync();

    /// <summary>Seals the pending records now when there are any (the interval's timer does the same).</summary>
    [Alias("SealPending")]
    Task<ChainHead> SealPendingAsync();

    /// <summary>
    /// The chain's head. After a crash it may show an earlier height until the blocks stored
    /// beyond the written head are adopted (at the hospital's first timer tick).
    /// </summary>
    [Alias("GetHead")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ChainHead> GetHeadAsync();

    /// <summary>The encoded block at a height, or null.</summary>
    [Alias("GetBlock")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetBlockAsync(long height);

    /// <summary>
    /// The patient's sealed records that match a trapdoor (III.E step 6), with their ledger record
    /// ids. The hospital tests only that patient's records (its index by patient), not the whole chain.
    /// </summary>
    [Alias("Search")]
    Task<SearchMatch[]> SearchAsync(string patientId, byte[] trapdoor);

    /// <summary>
    /// The encrypted body of one of this hospital's records, by the hash its ledger record commits
    /// to, or null when there is none. Callers (the API, after its own checks) read bodies one at a
    /// time, so no message carries more than one.
    /// </summary>
    [Alias("GetRecordBody")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetRecordBodyAsync(byte[] bodyHash);

    /// <summary>
    /// Validates the primary chain and compares it with every replica: in full when
    /// <paramref name="full"/> (or on an activation's first audit), else only the blocks sealed
    /// since this activation's last consistent audit, once one listing of storage versions shows
    /// every block that audit validated unchanged (a replaced or removed block makes it a full one).
    /// </summary>
    [Alias("Audit")]
    Task<AuditReport> AuditAsync(bool full);

    /// <summary>The hospital's public key and PID_i, for replicas and auditors.</summary>
    [Alias("GetIdentity")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<(byte[] PublicKey, byte[] Pid)> GetIdentityAsync();

    /// <summary>
    /// Where a sealed record is, checked against its block; null when unknown, not sealed yet, or
    /// (after a crash) in a block not adopted yet.
    /// </summary>
    [Alias("Locate")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RecordPlace?> LocateAsync(string recordId);

    /// <summary>
    /// Whether the participant is a party to the sealed record: the doctor whose registered key
    /// signed it, or the patient it is about. False when the record is not on the chain.
    /// </summary>
    [Alias("IsParty")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsPartyAsync(string recordId, RecordParty party, string participantId);

    /// <summary>The compressed public key a doctor is registered with here, or null.</summary>
    [Alias("GetDoctorKey")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetDoctorKeyAsync(string doctorId);

    /// <summary>
    /// Called by a doctor's own grain after his key rotated or was revoked: his row takes the new
    /// key (the earlier one kept, so his receipts for what it signed still open) or the revocation.
    /// Nothing when he is not registered here.
    /// </summary>
    [Alias("UpdateDoctor")]
    Task UpdateDoctorAsync(string doctorId, byte[] publicKey, bool revoked);

    /// <summary>
    /// Called by a patient's own grain after his key rotated or was revoked: records are then
    /// checked against the new key, or refused. Nothing when he is not registered here.
    /// </summary>
    [Alias("UpdatePatient")]
    Task UpdatePatientAsync(string patientId, byte[] publicKey, bool revoked);

    /// <summary>A doctor's standing, or null when unknown.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("GetDoctor")]
    Task<DoctorStanding?> GetDoctorAsync(string doctorId);
}
