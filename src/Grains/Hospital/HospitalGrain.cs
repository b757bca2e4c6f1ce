using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Ledger;
using MedChain.Grains.Storage;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Hospital;

/// <summary>
/// <see cref="IHospitalGrain"/>: orchestrates the hospital server's parts around its state.
/// Broadcasts interleave while <see cref="IRecordVerifierGrain"/> workers check them; a valid one
/// joins the pending pool through the <see cref="GroupCommit{T}"/> and is acknowledged once that
/// write succeeded; the <see cref="ChainSealer"/> seals the pool into blocks; the
/// <see cref="MemberDirectory"/> holds doctors, patients and credit; search and audit read the
/// <see cref="SealedChain"/>. Every change of state happens under one lock.
/// </summary>
public sealed class HospitalGrain(
    [PersistentState("hospital", MedChainGrainServices.StateStorage)] IPersistentState<HospitalState> state,
    KeyProtector keys,
    SystemParametersCache parameters,
    IBlockStore blocks,
    IRecordBodyStore bodies,
    IRecordIndex index,
    IMemberStore members,
    PublicKeyCache publicKeys,
    IOptions<MedChainOptions> options,
    TimeProvider time,
    CryptoWorkers workers,
    StoragePseudonyms pseudonyms,
    ILogger<HospitalGrain> logger) : Grain, IHospitalGrain
{
    /// <summary>How long a group commit waits at most for broadcasts still being verified.</summary>
    private static readonly TimeSpan CommitLinger = TimeSpan.FromMilliseconds(25);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CreditPolicy _credit = CreditPolicy.Default;
    private VerificationsInFlight _verifying = null!;
    private GroupCommit<PendingRecord> _commit = null!;
    private MemberDirectory _members = null!;
    private SealedChain _chain = null!;
    private AuditMark? _audited;
    private ChainSealer _sealer = null!;
    private HospitalStanding _standing = null!;
    private ReplicaSet _replicas = null!;
    private SystemParameters? _parameters;
    private SecretKey? _key;

    private string Id => this.GetPrimaryKeyString();

    private string KeyPurpose => KeyProtector.HospitalKeyPurpose(Id);

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        MedChainOptions o = options.Value;
        _verifying = new VerificationsInFlight(time);
        _commit = new GroupCommit<PendingRecord>(_lock, _verifying, o.BlockSize, CommitLinger);
        _members = new MemberDirectory(Id, members, _credit, pseudonyms.Patient);
        _chain = new SealedChain(Id, blocks, index, () => state.State.Height);
        _replicas = new ReplicaSet(GrainFactory, Id, o.Replicas);
        _sealer = new ChainSealer(state, _chain, blocks, index, new BlockPolicy(o.BlockSize, o.BlockInterval), HospitalKeyAsync, _replicas.HandOver, time, logger);
        _standing = new HospitalStanding(Id, GrainFactory, _credit, o.BlockInterval, time, logger);
        if (Joined)
        {
            await _standing.RefreshAsync();
        }
        TimeSpan tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, o.BlockInterval.Ticks / 4));
        this.RegisterGrainTimer(static (self, _) => self.OnTimerAsync(), this, new GrainTimerCreationOptions
        {
            DueTime = tick,
            Period = tick,
            Interleave = true,
        });
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _lock.RunAsync(_sealer.WriteHeadIfMovedAsync);
        }
        catch (Exception e)
        {
            // The blocks are stored: the next activation adopts them.
            logger.LogWarning(e, "Hospital {Hospital} could not write its head on deactivation.", Id);
        }
        finally
        {
            _key?.Dispose();
            _key = null;
        }
    }

    /// <inheritdoc/>
    public Task<byte[]> JoinAsync() => _lock.RunAsync(async () =>
    {
        if (state.State.ProtectedKey.Length == 0)
        {
            // The key is stored before the SM hears of it, so a crash in between is retried with the same key.
            using SecretKey key = SecretKey.Generate(await ParametersAsync());
            HospitalState keyed = state.State.Copy();
            (keyed.ProtectedKey, keyed.PublicKey) = (keys.ProtectKey(key, KeyPurpose), key.PublicKey.Encode());
            await _sealer.ReplaceStateAsync(keyed);
        }
        if (!Joined)
        {
            HospitalRegistration registration = await GrainFactory.GetSystemManager().RegisterHospitalAsync(Id, state.State.PublicKey);
            HospitalState joined = state.State.Copy();
            (joined.Pid, joined.LastSealMs) = (registration.Pid, time.GetUtcNow().ToUnixTimeMilliseconds());
            await _sealer.ReplaceStateAsync(joined);
        }
        return state.State.PublicKey;
    });

    /// <inheritdoc/>
    public async Task<DoctorStanding> RegisterDoctorAsync(string doctorId, byte[] publicKey)
    {
        byte[] key = PublicKey.Decode(await ParametersAsync(), publicKey).Encode();
        RequireJoined();
        DoctorEntry entry = await _lock.RunAsync(() =>
            _members.RegisterDoctorAsync(doctorId, key, () => GrainFactory.GetGrain<IDoctorGrain>(doctorId).RegisterAsync(Id, state.State.Pid, key)));
        return new DoctorStanding(doctorId, entry.Credit, entry.Expelled, entry.Revoked);
    }

    /// <inheritdoc/>
    public async Task<byte[]> RegisterPatientAsync(string patientId, byte[] publicKey)
    {
        SystemParameters p = await ParametersAsync();
        byte[] key = PublicKey.Decode(p, publicKey).Encode();
        RequireJoined();
        PatientEntry entry = await _lock.RunAsync(() => _members.RegisterPatientAsync(patientId, key, () => p.Group.RandomNonZeroScalar().Encode(),
            () => GrainFactory.GetGrain<IPatientGrain>(patientId).RegisterAtAsync(state.State.Pid, key)));
        return entry.Alpha;
    }

    /// <inheritdoc/>
    public async Task<BroadcastReceipt> BroadcastAsync(BroadcastRequest request)
    {
        RequireJoined();
        if (await _members.DoctorAsync(request.DoctorId) is not { } doctor)
        {
            return Refused(BroadcastCheck.UnknownDoctor);
        }
        if (doctor.Expelled)
        {
            return Refused(BroadcastCheck.DoctorExpelled);
        }
        if (doctor.Revoked)
        {
            return Refused(BroadcastCheck.DoctorRevoked);
        }
        if (await _members.PatientAsync(request.PatientId) is not { } patient)
        {
            return Refused(BroadcastCheck.UnknownPatient);
        }
        if (patient.Revoked)
        {
            return Refused(BroadcastCheck.PatientRevoked);
        }
        (LedgerRecord record, ReadOnlyMemory<byte> body) = LedgerRecord.FromSealed(await ParametersAsync(), request.SealedRecord, request.PatientPid, state.State.Pid,
            request.Envelope, doctor.PublicKey, request.Signature);
        byte[] encoded = record.Encode();
        var accepted = new BroadcastReceipt(BroadcastCheck.Valid, LedgerRecord.IdOf(encoded));
        BroadcastCheck check = await VerifyAsync(encoded, body.Length, patient, doctor, new EnvelopeExpectation(patient.Alpha, request.PatientId, state.State.Pid, request.DoctorId));
        if (check != BroadcastCheck.Valid)
        {
            if (check.CostsDoctorCredit())
            {
                await _lock.RunAsync(() => _members.PenalizeAsync(request.DoctorId, doctor));
            }
            return Refused(check);
        }
        // The body is stored before its record can be acknowledged (again, for a retry: it is content-addressed).
        await bodies.PutAsync(Id, record.BodyHash, body);
        // From here to the queue nothing awaits, so these checks and the enqueue are one step.
        if (_commit.Queued(r => r.Record.AsSpan().SequenceEqual(encoded)) is { } queued)
        {
            // The same record is queued or being written: answer when (and as) that write does.
            await queued;
            return accepted;
        }
        if (_sealer.IsKnownRetry(accepted.RecordId!) || state.State.Pending.Any(r => r.Record.AsSpan().SequenceEqual(encoded)))
        {
            // A retry of a broadcast already stored (pending, or found on the chain by an earlier seal): same answer.
            return accepted;
        }
        if (_standing.Suspended)
        {
            // Checked last: what was acknowledged before the suspension is still answered as stored, sealed since or not.
            return await _chain.LocateAsync(accepted.RecordId!) is not null ? accepted : Refused(BroadcastCheck.HospitalSuspended);
        }
        await _commit.CommitAsync(new PendingRecord { PatientId = pseudonyms.Patient(request.PatientId), Record = encoded }, _sealer.AppendAsync, _sealer.SealFullBlocksAsync);
        return accepted;
    }

    /// <inheritdoc/>
    public Task SuspendAsync()
    {
        _standing.Suspend();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ReinstateAsync()
    {
        _standing.Reinstate();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ChainHead> SealPendingAsync() => _lock.RunAsync(_sealer.SealNowAsync);

    /// <inheritdoc/>
    public Task<ChainHead> GetHeadAsync() => Task.FromResult(_sealer.Head());

    /// <inheritdoc/>
    public Task<byte[]?> GetBlockAsync(long height) => _chain.ReadAsync(height);

    /// <inheritdoc/>
    public Task<RecordPlace?> LocateAsync(string recordId) => _chain.LocateAsync(recordId);

    /// <inheritdoc/>
    public async Task<bool> IsPartyAsync(string recordId, RecordParty party, string participantId)
    {
        if (await _chain.LocateAsync(recordId) is not { } place)
        {
            return false;
        }
        LedgerRecord record = await _chain.RecordAtAsync(place);
        if (party == RecordParty.Doctor)
        {
            return await _members.DoctorAsync(participantId) is { } doctor && doctor.HeldKey(record.DoctorKey);
        }
        // The patient a record is about is named only inside X_ij, which the hospital alone can open.
        SystemParameters p = await ParametersAsync();
        SecretKey key = await HospitalKeyAsync();
        return await workers.RunAsync(() => HospitalEnvelope.TryOpen(p, key, record.Envelope, out EnvelopeContents? contents) && contents!.PatientId == participantId);
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetDoctorKeyAsync(string doctorId) => (await _members.DoctorAsync(doctorId))?.PublicKey;

    /// <inheritdoc/>
    public async Task<DoctorStanding?> GetDoctorAsync(string doctorId) =>
        await _members.DoctorAsync(doctorId) is { } d ? new DoctorStanding(doctorId, d.Credit, d.Expelled, d.Revoked) : null;

    /// <inheritdoc/>
    public async Task UpdateDoctorAsync(string doctorId, byte[] publicKey, bool revoked)
    {
        byte[] key = PublicKey.Decode(await ParametersAsync(), publicKey).Encode();
        await _lock.RunAsync(() => _members.UpdateDoctorAsync(doctorId, key, revoked));
    }

    /// <inheritdoc/>
    public async Task UpdatePatientAsync(string patientId, byte[] publicKey, bool revoked)
    {
        byte[] key = PublicKey.Decode(await ParametersAsync(), publicKey).Encode();
        await _lock.RunAsync(() => _members.UpdatePatientAsync(patientId, key, revoked));
    }

    /// <inheritdoc/>
    public Task<(byte[] PublicKey, byte[] Pid)> GetIdentityAsync()
    {
        RequireJoined();
        return Task.FromResult((state.State.PublicKey, state.State.Pid));
    }

    /// <inheritdoc/>
    public async Task<SearchMatch[]> SearchAsync(string patientId, byte[] trapdoor)
    {
        SystemParameters p = await ParametersAsync();
        RequireJoined();
        return await RecordSearch.RunAsync(p, await HospitalKeyAsync(), Trapdoor.Decode(p, trapdoor), _chain, pseudonyms.Patient(patientId), workers);
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetRecordBodyAsync(byte[] bodyHash) => bodies.GetAsync(Id, bodyHash);

    /// <inheritdoc/>
    public async Task<AuditReport> AuditAsync(bool full)
    {
        SystemParameters p = await ParametersAsync();
        RequireJoined();
        ChainValidator validator = LedgerNodeValidator.Create(p, publicKeys, state.State.PublicKey, state.State.Pid, options.Value.BlockSize);
        var auditor = new ChainAuditor(Id, _chain, blocks, validator, _replicas.All, workers);
        // The head as it is now: seals that interleave with the audit's reads do not move it.
        (AuditReport report, AuditMark? mark) = await auditor.AuditAsync(state.State.Height, state.State.HeadHeader, _replicas.HandOver, full ? null : _audited);
        // Audits may interleave: the mark only moves forward, and any inconsistency drops it.
        _audited = mark is null ? null : _audited is { } known && known.Height > mark.Height ? known : mark;
        return report;
    }

    /// <summary>The timer: refreshes the standing once per block interval, seals when the policy says so, adopts and writes the head.</summary>
    private async Task OnTimerAsync()
    {
        if (Joined)
        {
            await _standing.RefreshIfDueAsync();
        }
        if (!_sealer.HasWork)
        {
            return;
        }
        await _lock.RunAsync(_sealer.TickAsync);
    }

    /// <summary>The verifier workers' check of an encoded ledger record, counted while it runs (the group commit waits for it).</summary>
    private async Task<BroadcastCheck> VerifyAsync(byte[] encoded, long bodyLength, PatientEntry patient, DoctorEntry doctor, EnvelopeExpectation expected)
    {
        _verifying.Started();
        try
        {
            return await GrainFactory.GetGrain<IRecordVerifierGrain>(0)
                .VerifyAsync(encoded, bodyLength, patient.PublicKey, doctor.PublicKey, Id, state.State.ProtectedKey, expected);
        }
        finally
        {
            _verifying.Finished();
        }
    }

    private static BroadcastReceipt Refused(BroadcastCheck check) => new(check, null);

    private async Task<SystemParameters> ParametersAsync() => _parameters ??= await parameters.GetAsync();

    /// <summary>The hospital's private key, unwrapped once per activation (for sealing and search).</summary>
    private async Task<SecretKey> HospitalKeyAsync()
    {
        SystemParameters p = await ParametersAsync();
        // No await between the test and the assignment: interleaved turns unwrap the key once.
        return _key ??= keys.UnprotectKey(p, state.State.ProtectedKey, KeyPurpose);
    }

    private bool Joined => state.State.Pid.Length > 0;

    private void RequireJoined()
    {
        if (!Joined)
        {
            throw new RefusalException(Refusal.NotFound, $"Hospital '{Id}' has not joined yet.");
        }
    }
}
