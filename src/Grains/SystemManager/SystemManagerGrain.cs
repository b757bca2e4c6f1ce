using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.SystemManager;

/// <summary>
/// The SM (<see cref="ISystemManagerGrain"/>): initializes the system at the configured level on
/// first use and keeps the master key x encrypted at rest; admits hospitals and issues, opens and
/// checks their pseudonyms PID_i with x; keeps their credit, files doctors' reports for the sm-admin
/// to uphold or dismiss, and reinstates suspended hospitals at his word. Every change is
/// acknowledged only once its state write succeeded, and a failed write is undone.
/// </summary>
public sealed class SystemManagerGrain(
    [PersistentState("sm", MedChainGrainServices.StateStorage)] IPersistentState<SystemManagerState> state,
    KeyProtector keys,
    IOptions<MedChainOptions> options,
    TimeProvider time) : Grain, ISystemManagerGrain
{
    /// <summary>The purpose the master key is encrypted under (<see cref="KeyProtector.ProtectKey"/>).</summary>
    public const string KeyPurpose = "sm-master";
    private Task<SystemParameters>? _initialization;

    /// <inheritdoc/>
    public Task<string[]> GetHospitalIdsAsync() => Task.FromResult(state.State.Hospitals.Keys.ToArray());

    /// <inheritdoc/>
    public Task<int> GetSecurityLevelAsync() =>
        Task.FromResult(state.State.ParametersJson.Length > 0 ? SystemParameters.FromJson(state.State.ParametersJson).SecurityLevel : options.Value.SecurityLevel);

    /// <inheritdoc/>
    public Task<string?> FindParametersAsync() =>
        Task.FromResult(ParametersStored ? state.State.ParametersJson : null);

    /// <inheritdoc/>
    public async Task<string> GetParametersAsync()
    {
        await EnsureInitializedAsync();
        return state.State.ParametersJson;
    }

    /// <inheritdoc/>
    public async Task<HospitalRegistration> RegisterHospitalAsync(string hospitalId, byte[] publicKey)
    {
        if (!ParticipantIds.IsValid(hospitalId))
        {
            throw new RefusalException(Refusal.Invalid, "Hospital ids are 1 to 64 letters, digits, '-', '_' or '.'.");
        }
        SystemParameters p = await EnsureInitializedAsync();
        PublicKey key = PublicKey.Decode(p, publicKey);
        if (state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? existing))
        {
            if (!existing.PublicKey.AsSpan().SequenceEqual(key.Encode()))
            {
                throw new RefusalException(Refusal.Conflict, $"Hospital '{hospitalId}' is already registered with another key.");
            }
            return ToRegistration(hospitalId, existing);
        }
        using SecretKey master = MasterKey(p);
        using var issuer = new PseudonymIssuer(master);
        var entry = new HospitalEntry { PublicKey = key.Encode(), Pid = issuer.Issue(hospitalId).Encode(), Credit = CreditPolicy.Default.Initial };
        state.State.Hospitals[hospitalId] = entry;
        // Not admitted when the write fails: a retry writes it again.
        await state.WriteOrUndoAsync(() => state.State.Hospitals.Remove(hospitalId));
        return ToRegistration(hospitalId, entry);
    }

    /// <inheritdoc/>
    public async Task<HospitalReport> ReportHospitalAsync(string doctorId, string hospitalId, string reason)
    {
        if (!state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? hospital))
        {
            throw new RefusalException(Refusal.NotFound, $"Hospital '{hospitalId}' is not registered.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RefusalException(Refusal.Invalid, "A report needs a reason.");
        }
        DoctorProfile? profile = await GrainFactory.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync();
        // The hospital itself confirms the doctor works there, in good standing (a doctor grain alone proves nothing).
        IHospitalGrain reported = GrainFactory.GetGrain<IHospitalGrain>(hospitalId);
        if (profile is null || profile.HospitalId != hospitalId || !profile.HospitalPid.AsSpan().SequenceEqual(hospital.Pid)
            || await reported.GetDoctorAsync(doctorId) is not { InGoodStanding: true }
            || !(await reported.GetDoctorKeyAsync(doctorId) ?? []).AsSpan().SequenceEqual(profile.PublicKey))
        {
            throw new RefusalException(Refusal.Forbidden, $"Only a doctor in good standing of hospital '{hospitalId}' may report it.");
        }
        if (state.State.Reports.FirstOrDefault(r => r.Value.HospitalId == hospitalId && r.Value.DoctorId == doctorId && r.Value.Status != ReportStatus.Dismissed)
            is { Value: not null } filed)
        {
            // One report per doctor and hospital stands at a time (a retry gets the one filed).
            return ToReport(filed.Key, filed.Value);
        }
        string reportId = Guid.NewGuid().ToString("N");
        var report = new StoredReport { HospitalId = hospitalId, DoctorId = doctorId, Reason = reason, FiledAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        state.State.Reports[reportId] = report;
        await state.WriteOrUndoAsync(() => state.State.Reports.Remove(reportId));
        return ToReport(reportId, report);
    }

    /// <inheritdoc/>
    public Task<HospitalReport[]> GetReportsAsync(ReportStatus? status) =>
        Task.FromResult(state.State.Reports.Where(r => status is null || r.Value.Status == status)
            .OrderByDescending(r => r.Value.FiledAtMs).Select(r => ToReport(r.Key, r.Value)).ToArray());

    /// <inheritdoc/>
    public async Task<HospitalRegistration> DecideReportAsync(string reportId, bool uphold)
    {
        if (!state.State.Reports.TryGetValue(reportId, out StoredReport? report))
        {
            throw new RefusalException(Refusal.NotFound, $"Report '{reportId}' does not exist.");
        }
        if (report.Status != ReportStatus.Pending)
        {
            throw new RefusalException(Refusal.Conflict, $"Report '{reportId}' was {report.Status.ToString().ToLowerInvariant()} already.");
        }
        HospitalEntry hospital = state.State.Hospitals[report.HospitalId];
        int credit = hospital.Credit;
        report.Status = uphold ? ReportStatus.Upheld : ReportStatus.Dismissed;
        if (uphold)
        {
            hospital.Credit = CreditPolicy.Default.AfterUpheldReport(credit);
            hospital.Reporters.Add(report.DoctorId);
        }
        await state.WriteOrUndoAsync(() =>
        {
            report.Status = ReportStatus.Pending;
            if (uphold)
            {
                hospital.Credit = credit;
                hospital.Reporters.Remove(report.DoctorId);
            }
        });
        if (uphold && CreditPolicy.Default.IsExpelled(hospital.Credit))
        {
            // Not awaited: the decision stands either way, and the hospital also reads its standing
            // from the SM on activation and once per block interval, should this message be lost.
            GrainFactory.GetGrain<IHospitalGrain>(report.HospitalId).SuspendAsync().Ignore();
        }
        return ToRegistration(report.HospitalId, hospital);
    }

    /// <inheritdoc/>
    public async Task<HospitalRegistration> ReinstateHospitalAsync(string hospitalId)
    {
        if (!state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? hospital))
        {
            throw new RefusalException(Refusal.NotFound, $"Hospital '{hospitalId}' is not registered.");
        }
        (int credit, List<string> reporters) = (hospital.Credit, hospital.Reporters);
        (hospital.Credit, hospital.Reporters) = (CreditPolicy.Default.Initial, []);
        await state.WriteOrUndoAsync(() => (hospital.Credit, hospital.Reporters) = (credit, reporters));
        GrainFactory.GetGrain<IHospitalGrain>(hospitalId).ReinstateAsync().Ignore();
        return ToRegistration(hospitalId, hospital);
    }

    /// <inheritdoc/>
    public async Task<HospitalRegistration?> GetHospitalByPidAsync(byte[] pid)
    {
        SystemParameters p = await EnsureInitializedAsync();
        string? id = HospitalIdOf(p, pid);
        return id is not null && state.State.Hospitals.TryGetValue(id, out HospitalEntry? e) ? ToRegistration(id, e) : null;
    }

    /// <summary>Opens a PID_i the SM issued (traceability) and checks it is the one on record.</summary>
    private string? HospitalIdOf(SystemParameters p, byte[] pid)
    {
        if (pid.Length != PseudoIdentity.Length)
        {
            return null;
        }
        using SecretKey master = MasterKey(p);
        using var issuer = new PseudonymIssuer(master);
        return issuer.TryOpen(PseudoIdentity.Decode(pid), out string? id) && id is not null
            && state.State.Hospitals.TryGetValue(id, out HospitalEntry? e) && e.Pid.AsSpan().SequenceEqual(pid) ? id : null;
    }

    /// <inheritdoc/>
    public Task<HospitalRegistration?> GetHospitalAsync(string hospitalId) =>
        Task.FromResult(state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? e) ? ToRegistration(hospitalId, e) : null);

    /// <inheritdoc/>
    public async Task<byte[]> GetProtectedMasterKeyAsync()
    {
        await EnsureInitializedAsync();
        return state.State.ProtectedMasterKey;
    }

    /// <summary>Initialization runs once even when interleaved calls ask for it together.</summary>
    private Task<SystemParameters> EnsureInitializedAsync() => _initialization ??= InitializeAsync();

    /// <summary>
    /// Whether the parameters are in storage: read at activation, or written by a completed
    /// initialization (an interleaved reader never gets parameters whose write may still fail).
    /// </summary>
    private bool ParametersStored =>
        state.State.ParametersJson.Length > 0 && _initialization is null or { IsCompletedSuccessfully: true };

    private async Task<SystemParameters> InitializeAsync()
    {
        if (state.State.ParametersJson.Length == 0)
        {
            (SystemParameters p, SecretKey master) = SystemSetup.Initialize(options.Value.SecurityLevel);
            using (master)
            {
                state.State.ParametersJson = p.ToJson();
                state.State.ProtectedMasterKey = keys.ProtectKey(master, KeyPurpose);
            }
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not set up: the next call initializes again (with new parameters: none were handed out,
                // FindParametersAsync answers only stored ones).
                (state.State.ParametersJson, state.State.ProtectedMasterKey) = ("", []);
                _initialization = null;
                throw;
            }
        }
        return SystemParameters.FromJson(state.State.ParametersJson);
    }

    private SecretKey MasterKey(SystemParameters p) => keys.UnprotectKey(p, state.State.ProtectedMasterKey, KeyPurpose);

    private static HospitalRegistration ToRegistration(string id, HospitalEntry e) => new(id, e.PublicKey, e.Pid, e.Credit);

    private static HospitalReport ToReport(string id, StoredReport r) => new(id, r.HospitalId, r.DoctorId, r.Reason, r.FiledAtMs, r.Status);
}
