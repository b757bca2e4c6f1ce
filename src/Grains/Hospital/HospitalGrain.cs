using System.Security.Cryptography;
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
using MedChain.Grains.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Hospital;

/// <summary>
/// <see cref="IHospitalGrain"/>. Broadcasts interleave while their checks (X_ij, signature,
/// validity) run on <see cref="IRecordVerifierGrain"/> workers; every change of state (pending
/// pool, credit, sealing) happens under one lock. A record is acknowledged once the state holding
/// it in the pending pool is written (group commit), so an acknowledged record survives a crash.
/// Sealing (<c>HospitalGrain.Sealing.cs</c>) stores the block object and moves the head in memory;
/// the head is written with the next state write, and blocks stored beyond it are adopted after a
/// crash.
/// </summary>
public sealed partial class HospitalGrain(
    [PersistentState("hospital", MedChainGrainServices.StateStorage)] IPersistentState<HospitalState> state,
    KeyProtector keys,
    SchemeParameters scheme,
    IBlockStore blocks,
    IRecordIndex index,
    IMemberStore members,
    PublicKeyCache publicKeys,
    IOptions<MedChainOptions> options,
    TimeProvider time,
    CryptoWorkers workers,
    ILogger<HospitalGrain> logger) : Grain, IHospitalGrain
{
    /// <summary>How many retries found on the chain are remembered (then forgotten all at once).</summary>
    private const int RetriesRemembered = 1024;

    /// <summary>How long a group commit waits at most for broadcasts still being verified.</summary>
    private static readonly TimeSpan CommitLinger = TimeSpan.FromMilliseconds(25);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly List<(PendingRecord Record, TaskCompletionSource Done)> _toCommit = [];
    private readonly VerificationsInFlight _verifying = new(time);
    private readonly CreditPolicy _credit = CreditPolicy.Default;
    private readonly Dictionary<string, DoctorEntry> _doctors = [];
    private readonly Dictionary<string, PatientEntry> _patients = [];
    private readonly HashSet<string> _retriesOnChain = new(StringComparer.OrdinalIgnoreCase);
    private SystemParameters? _parameters;
    private SecretKey? _key;
    private bool _suspended;
    private long _suspensionCheckedMs;

    /// <summary>Whether a block may be stored beyond the head (after an activation or a failed seal).</summary>
    private bool _sealMayHaveStoredBlock = true;

    /// <summary>Whether the head moved since the state was last written.</summary>
    private bool _headUnwritten;

    private string Id => this.GetPrimaryKeyString();

    private string KeyPurpose => KeyProtector.HospitalKeyPurpose(Id);

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshSuspensionAsync();
        TimeSpan interval = options.Value.BlockInterval;
        TimeSpan tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, interval.Ticks / 4));
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
            await _lock.WaitAsync(cancellationToken);
            try
            {
                await WriteHeadIfMovedAsync();
            }
            finally
            {
                _lock.Release();
            }
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
    public async Task<byte[]> JoinAsync()
    {
        await _lock.WaitAsync();
        try
        {
            SystemParameters p = await Parameters();
            if (state.State.ProtectedKey.Length == 0)
            {
                // The key is stored before the SM hears of it, so a crash in between is retried with the same key.
                using SecretKey key = SecretKey.Generate(p);
                byte[] x = key.Export();
                state.State.ProtectedKey = keys.Protect(x, KeyPurpose);
                CryptographicOperations.ZeroMemory(x);
                state.State.PublicKey = key.PublicKey.Encode();
                await state.WriteStateAsync();
            }
            if (state.State.Pid.Length == 0)
            {
                HospitalRegistration registration = await GrainFactory.GetGrain<ISystemManagerGrain>(SchemeParameters.SystemManagerKey)
                    .RegisterHospitalAsync(Id, state.State.PublicKey);
                state.State.Pid = registration.Pid;
                state.State.LastSealMs = time.GetUtcNow().ToUnixTimeMilliseconds();
                await state.WriteStateAsync();
            }
            return state.State.PublicKey;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<DoctorStanding> RegisterDoctorAsync(string doctorId, byte[] publicKey)
    {
        SystemParameters p = await Parameters();
        byte[] key = PublicKey.Decode(p, publicKey).Encode();
        await _lock.WaitAsync();
        try
        {
            RequireJoined();
            DoctorEntry? entry = await DoctorAsync(doctorId);
            if (entry is null)
            {
                await GrainFactory.GetGrain<IDoctorGrain>(doctorId).RegisterAsync(Id, state.State.Pid, key);
                entry = new DoctorEntry { PublicKey = key, Credit = _credit.Initial };
                await members.PutDoctorAsync(Id, doctorId, entry);
                _doctors[doctorId] = entry;
            }
            else if (!entry.PublicKey.AsSpan().SequenceEqual(key))
            {
                throw new InvalidOperationException($"Doctor {doctorId} is registered with another key.");
            }
            return new DoctorStanding(doctorId, entry.Credit, entry.Expelled);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]> RegisterPatientAsync(string patientId, byte[] publicKey)
    {
        SystemParameters p = await Parameters();
        byte[] key = PublicKey.Decode(p, publicKey).Encode();
        await _lock.WaitAsync();
        try
        {
            RequireJoined();
            PatientEntry? entry = await PatientAsync(patientId);
            if (entry is null)
            {
                await GrainFactory.GetGrain<IPatientGrain>(patientId).RegisterAtAsync(state.State.Pid, key);
                entry = new PatientEntry { PublicKey = key, Alpha = p.Group.RandomNonZeroScalar().Encode() };
                await members.PutPatientAsync(Id, patientId, entry);
                _patients[patientId] = entry;
            }
            else if (!entry.PublicKey.AsSpan().SequenceEqual(key))
            {
                throw new InvalidOperationException($"Patient {patientId} is registered with another key.");
            }
            return entry.Alpha;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<BroadcastReceipt> BroadcastAsync(BroadcastRequest request)
    {
        SystemParameters p = await Parameters();
        RequireJoined();
        if (await DoctorAsync(request.DoctorId) is not { } doctor)
        {
            return new BroadcastReceipt(false, null, "unknown-doctor");
        }
        if (doctor.Expelled)
        {
            return new BroadcastReceipt(false, null, "doctor-expelled");
        }
        if (await PatientAsync(request.PatientId) is not { } patient)
        {
            return new BroadcastReceipt(false, null, "unknown-patient");
        }
        var record = new LedgerRecord(request.SealedRecord, request.PatientPid, state.State.Pid, request.Envelope, doctor.PublicKey, request.Signature);
        byte[] encoded = record.Encode();
        string recordId = LedgerRecord.IdOf(encoded);
        var expected = new EnvelopeExpectation(patient.Alpha, request.PatientId, state.State.Pid, request.DoctorId);
        string? failure;
        _verifying.Started();
        try
        {
            failure = await GrainFactory.GetGrain<IRecordVerifierGrain>(0)
                .VerifyAsync(encoded, patient.PublicKey, doctor.PublicKey, Id, state.State.ProtectedKey, expected);
        }
        finally
        {
            _verifying.Finished();
        }

        if (failure is RecordVerifierGrain.Malformed or RecordVerifierGrain.BadSignature)
        {
            // Not signed by the doctor: anyone could have sent it, so it costs him nothing.
            return new BroadcastReceipt(false, null, failure);
        }
        if (failure is not null)
        {
            await _lock.WaitAsync();
            try
            {
                int credit = _credit.AfterInvalidRecord(doctor.Credit);
                await members.PutDoctorAsync(Id, request.DoctorId, new DoctorEntry { PublicKey = doctor.PublicKey, Credit = credit, Expelled = _credit.IsExpelled(credit) });
                (doctor.Credit, doctor.Expelled) = (credit, _credit.IsExpelled(credit));
                return new BroadcastReceipt(false, null, failure);
            }
            finally
            {
                _lock.Release();
            }
        }
        // From here to the queue nothing awaits, so these checks and the enqueue are one step.
        if (_toCommit.FirstOrDefault(q => q.Record.Record.AsSpan().SequenceEqual(encoded)) is { Done: not null } queued)
        {
            // The same record is queued or being written: answer when (and as) that commit does.
            await queued.Done.Task;
            return new BroadcastReceipt(true, recordId, null);
        }
        if (_retriesOnChain.Contains(recordId) || state.State.Pending.Any(r => r.Record.AsSpan().SequenceEqual(encoded)))
        {
            // A retry of a broadcast already stored (pending, or found on the chain by an earlier seal): same answer.
            return new BroadcastReceipt(true, recordId, null);
        }
        if (_suspended)
        {
            // Checked last: what was acknowledged before the suspension is still answered as stored, sealed since or not.
            return await SealedPlaceAsync(recordId) is not null
                ? new BroadcastReceipt(true, recordId, null)
                : new BroadcastReceipt(false, null, "hospital-suspended");
        }
        var accepted = new PendingRecord { PatientId = request.PatientId, Record = encoded };
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _toCommit.Add((accepted, committed));
        await CommitQueuedAsync(committed.Task);
        await committed.Task;
        return new BroadcastReceipt(true, recordId, null);
    }

    /// <summary>
    /// Group commit: whoever gets the lock appends every verified record queued so far and writes
    /// the state once for all of them; the others find their record already committed. While other
    /// broadcasts are still being verified it first waits for them a little (up to a block's worth,
    /// at most <see cref="CommitLinger"/>), so that one write carries more records. A caller whose
    /// record another commit already wrote returns at once. Only this method removes records from
    /// the queue, after their write succeeded or failed.
    /// </summary>
    private async Task CommitQueuedAsync(Task mine)
    {
        await _lock.WaitAsync();
        try
        {
            if (_toCommit.Count == 0 || mine.IsCompleted)
            {
                return;
            }
            await _verifying.WaitAsync(() => _toCommit.Count >= options.Value.BlockSize, CommitLinger);
            // The batch stays queued until written, so a retry arriving meanwhile waits for this write.
            List<(PendingRecord Record, TaskCompletionSource Done)> batch = [.. _toCommit];
            try
            {
                state.State.Pending.AddRange(batch.Select(b => b.Record));
                await WriteStateAsync();
            }
            catch (Exception e)
            {
                state.State.Pending.RemoveRange(state.State.Pending.Count - batch.Count, batch.Count);
                _toCommit.RemoveRange(0, batch.Count);
                batch.ForEach(b => b.Done.TrySetException(e));
                return;
            }
            _toCommit.RemoveRange(0, batch.Count);
            batch.ForEach(b => b.Done.TrySetResult());
            if (state.State.Pending.Count >= options.Value.BlockSize)
            {
                try
                {
                    await SealLockedAsync(force: false);
                }
                catch (Exception e)
                {
                    // The records are durable and acknowledged; the timer or the next commit seals them.
                    logger.LogWarning(e, "Sealing hospital {Hospital} failed; will retry.", Id);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public Task SuspendAsync()
    {
        _suspended = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<ChainHead> SealPendingAsync()
    {
        await _lock.WaitAsync();
        try
        {
            try
            {
                await SealLockedAsync(force: true);
            }
            finally
            {
                // Whatever was sealed before a failure is written too.
                await WriteHeadIfMovedAsync();
            }
            return Head();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public Task<ChainHead> GetHeadAsync() => Task.FromResult(Head());

    /// <inheritdoc/>
    public Task<byte[]?> GetBlockAsync(long height) => blocks.ReadAsync(Id, height);

    /// <inheritdoc/>
    public async Task<long[]?> LocateAsync(string recordId) =>
        await SealedPlaceAsync(recordId) is (long height, int i) ? [height, i] : null;

    /// <inheritdoc/>
    public async Task<byte[]?> GetDoctorKeyAsync(string doctorId) =>
        (await DoctorAsync(doctorId))?.PublicKey;

    /// <inheritdoc/>
    public async Task<DoctorStanding?> GetDoctorAsync(string doctorId) =>
        await DoctorAsync(doctorId) is { } d ? new DoctorStanding(doctorId, d.Credit, d.Expelled) : null;

    /// <inheritdoc/>
    public Task<(byte[] PublicKey, byte[] Pid)> GetIdentityAsync()
    {
        RequireJoined();
        return Task.FromResult((state.State.PublicKey, state.State.Pid));
    }

    /// <inheritdoc/>
    public async Task<byte[][]> SearchAsync(string patientId, byte[] trapdoor)
    {
        SystemParameters p = await Parameters();
        RequireJoined();
        Trapdoor decoded = Trapdoor.Decode(p, trapdoor);
        SecretKey key = await HospitalKey();
        var candidates = new List<byte[]>();
        var cache = new Dictionary<long, Block>();
        foreach ((long height, int i) in await index.ListPatientAsync(Id, patientId))
        {
            if (height > state.State.Height)
            {
                continue; // written by a seal whose block is not on the chain yet (or not until adopted after a crash)
            }
            Block block = await ChainBlockAsync(height, cache);
            if (i >= block.Records.Count)
            {
                continue; // a row past the block's end (left by a seal that failed before its head): not a record
            }
            candidates.Add(block.Records[i].SealedRecord);
        }
        // A pairing per record: on the crypto threads.
        return await workers.RunAsync(() =>
        {
            KeywordMatcher matcher = KeywordMatcher.Create(p, key, decoded);
            return candidates.Where(r => matcher.Matches(SealedRecord.Decode(p, r).Header)).ToArray();
        });
    }

    /// <inheritdoc/>
    public async Task<AuditReport> AuditAsync()
    {
        SystemParameters p = await Parameters();
        RequireJoined();
        // The head as it is now: seals that interleave with the audit's reads do not move it.
        long height = state.State.Height;
        byte[] headHeader = state.State.HeadHeader;
        var replicas = Enumerable.Range(0, options.Value.Replicas).Select(n => GrainFactory.GetGrain<ILedgerReplicaGrain>($"{Id}/{n}")).ToList();
        long[] replicaHeights = await Task.WhenAll(replicas.Select(r => r.GetHeightAsync()));
        ChainValidator validator = LedgerNodeValidator.Create(p, publicKeys, state.State.PublicKey, state.State.Pid, options.Value.BlockSize);
        Block? previous = null;
        for (long h = 0; h <= height; h++)
        {
            byte[]? bytes = await blocks.ReadAsync(Id, h);
            if (bytes is null || !Block.TryDecode(bytes, out Block? block))
            {
                return new AuditReport(false, height, h, "primary block missing or malformed", replicaHeights);
            }
            Block? before = previous;
            ChainValidationResult result = await workers.RunAsync(() => validator.ValidateNext(block!, before));
            if (!result.IsValid)
            {
                return new AuditReport(false, height, h, $"primary: {result.Failure}: {result.Detail}", replicaHeights);
            }
            for (int n = 0; n < replicas.Count; n++)
            {
                if (h <= replicaHeights[n] && !(await replicas[n].GetBlockAsync(h) ?? []).AsSpan().SequenceEqual(bytes))
                {
                    return new AuditReport(false, height, h, $"replica {n} differs", replicaHeights);
                }
            }
            previous = block;
        }
        if (headHeader.Length > 0 && previous is not null && !previous.Header.Encode().AsSpan().SequenceEqual(headHeader))
        {
            return new AuditReport(false, height, height, "primary head does not match the stored block", replicaHeights);
        }
        int lagging = Array.FindIndex(replicaHeights, h => h < height);
        if (lagging >= 0 && previous is not null)
        {
            // Behind is not divergent, but it is reported, and the head is handed over again (the replica fetches what it missed).
            HandToReplicas(previous.Encode());
            return new AuditReport(false, height, replicaHeights[lagging] + 1, $"replica {lagging} is behind", replicaHeights);
        }
        return new AuditReport(true, height, null, null, replicaHeights);
    }

    /// <summary>
    /// Reads the hospital's credit from the SM: the SM also tells the hospital when it suspends it,
    /// and this catches a lost message. An unreachable SM leaves the flag as it was.
    /// </summary>
    private async Task RefreshSuspensionAsync()
    {
        _suspensionCheckedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (state.State.PublicKey.Length == 0)
        {
            return;
        }
        try
        {
            if (await GrainFactory.GetGrain<ISystemManagerGrain>(SchemeParameters.SystemManagerKey).GetHospitalAsync(Id) is { } registration)
            {
                _suspended |= _credit.IsExpelled(registration.Credit);
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning("Hospital {Hospital} could not read its standing from the SM ({Kind}); will retry.", Id, e.GetType().Name);
        }
    }

    /// <summary>Writes the state: the pending pool and the head, which sealing moves without writing.</summary>
    private async Task WriteStateAsync()
    {
        await state.WriteStateAsync();
        _headUnwritten = false;
    }

    /// <summary>Writes the state if a seal moved the head since the last write.</summary>
    private Task WriteHeadIfMovedAsync() => _headUnwritten ? WriteStateAsync() : Task.CompletedTask;

    private ChainHead Head() => new(
        state.State.Height,
        state.State.HeadHeader.Length == 0 ? null : Convert.ToHexString(SHA256.HashData(state.State.HeadHeader)),
        state.State.Pending.Count);

    /// <summary>A registered doctor, from this activation's cache or the member store.</summary>
    private Task<DoctorEntry?> DoctorAsync(string doctorId) => CachedAsync(_doctors, doctorId, members.GetDoctorAsync);

    /// <summary>A registered patient, from this activation's cache or the member store.</summary>
    private Task<PatientEntry?> PatientAsync(string patientId) => CachedAsync(_patients, patientId, members.GetPatientAsync);

    private async Task<T?> CachedAsync<T>(Dictionary<string, T> cache, string id, Func<string, string, CancellationToken, Task<T?>> load)
        where T : class
    {
        if (cache.TryGetValue(id, out T? cached))
        {
            return cached;
        }
        T? stored = await load(Id, id, CancellationToken.None);
        // Another turn may have loaded or registered it meanwhile: keep the one already cached.
        return stored is null ? null : cache.TryAdd(id, stored) ? stored : cache[id];
    }

    private async Task<SystemParameters> Parameters() => _parameters ??= await scheme.GetAsync();

    /// <summary>The hospital's private key, unwrapped once per activation (for sealing and search).</summary>
    private async Task<SecretKey> HospitalKey()
    {
        SystemParameters p = await Parameters();
        if (_key is null)
        {
            byte[] x = keys.Unprotect(state.State.ProtectedKey, KeyPurpose);
            _key = SecretKey.Import(p, x);
            CryptographicOperations.ZeroMemory(x);
        }
        return _key;
    }

    private void RequireJoined()
    {
        if (state.State.Pid.Length == 0)
        {
            throw new InvalidOperationException($"Hospital {Id} has not joined yet.");
        }
    }
}
