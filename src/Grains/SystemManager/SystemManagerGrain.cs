using System.Security.Cryptography;
using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;
using MedChain.Protocol.ReEncryption;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.SystemManager;

/// <summary>
/// The SM (<see cref="ISystemManagerGrain"/>): initializes the system at the configured level on
/// first use, keeps the master key encrypted at rest, admits hospitals.
/// </summary>
public sealed class SystemManagerGrain(
    [PersistentState("sm", MedChainGrainServices.StateStorage)] IPersistentState<SystemManagerState> state,
    KeyProtector keys,
    IAccessLogStore accessLog,
    IOptions<MedChainOptions> options,
    TimeProvider time) : Grain, ISystemManagerGrain
{
    private const string KeyPurpose = "sm-master";
    private Task<SystemParameters>? _initialization;
    private byte[]? _accessLogKey;

    private byte[] AccessLogKey => _accessLogKey ??= keys.DeriveKey(AccessLog.KeyLabel);

    /// <inheritdoc/>
    public Task<string[]> GetHospitalIdsAsync() => Task.FromResult(state.State.Hospitals.Keys.ToArray());

    /// <inheritdoc/>
    public Task<string?> FindParametersAsync() =>
        Task.FromResult(state.State.ParametersJson.Length == 0 ? null : state.State.ParametersJson);

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
            throw new ArgumentException("Hospital ids are 1 to 64 letters, digits, '-', '_' or '.'.", nameof(hospitalId));
        }
        SystemParameters p = await EnsureInitializedAsync();
        PublicKey key = PublicKey.Decode(p, publicKey);
        if (state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? existing))
        {
            if (!existing.PublicKey.AsSpan().SequenceEqual(key.Encode()))
            {
                throw new InvalidOperationException($"Hospital {hospitalId} is already registered with another key.");
            }
            return ToRegistration(hospitalId, existing);
        }
        using SecretKey master = MasterKey(p);
        using var issuer = new PseudonymIssuer(master);
        var entry = new HospitalEntry { PublicKey = key.Encode(), Pid = issuer.Issue(hospitalId).Encode(), Credit = CreditPolicy.Default.Initial };
        state.State.Hospitals[hospitalId] = entry;
        await state.WriteStateAsync();
        return ToRegistration(hospitalId, entry);
    }

    /// <inheritdoc/>
    public async Task<ShareResult> ShareAsync(string patientId, string consentId, string doctorId, Dictionary<string, byte[]> trapdoorsByHospitalPid)
    {
        SystemParameters p = await EnsureInitializedAsync();
        ActiveConsent? consent = await GrainFactory.GetGrain<IPatientGrain>(patientId).GetActiveConsentAsync(consentId, doctorId);
        if (consent is null)
        {
            return new ShareResult(false, "no valid consent (unknown, revoked, expired or for another doctor)", []);
        }
        var hospitals = new List<(string Id, byte[] Trapdoor)>();
        foreach ((string pid, byte[] trapdoor) in trapdoorsByHospitalPid)
        {
            string? hospitalId = HospitalIdOf(p, pid);
            if (hospitalId is null)
            {
                return new ShareResult(false, "unknown hospital pseudonym", []);
            }
            if (CreditPolicy.Default.IsExpelled(state.State.Hospitals[hospitalId].Credit))
            {
                return new ShareResult(false, $"hospital {pid} is suspended", []);
            }
            hospitals.Add((hospitalId, trapdoor));
        }
        byte[] rk = keys.Unprotect(consent.ProtectedReKey, KeyProtector.ConsentPurpose(patientId, consentId));
        var shared = new List<byte[]>();
        var entries = new List<(string HospitalId, string RecordId)>();
        try
        {
            PublicKey patient = PublicKey.Decode(p, consent.PatientKey);
            PublicKey doctor = PublicKey.Decode(p, consent.DoctorKey);
            ReEncryptionKey reKey = ReEncryptionKey.Decode(p, rk);
            foreach ((string hospitalId, byte[] trapdoor) in hospitals)
            {
                byte[][] records = await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).SearchAsync(patientId, trapdoor);
                foreach (byte[] encoded in records)
                {
                    ReEncryptedRecord? transformed = ReEncryptedRecord.Transform(p, SealedRecord.Decode(p, encoded), patient, doctor, reKey);
                    if (transformed is not null)
                    {
                        entries.Add((hospitalId, Convert.ToHexString(SHA256.HashData(encoded))));
                        shared.Add(transformed.Encode());
                    }
                }
            }
        }
        catch (EncodingException e)
        {
            return new ShareResult(false, $"invalid input: {e.Error}", []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rk);
        }
        // Log every access, then hand the records out: nothing is logged for a refused or failed request.
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        AccessEntry? head = state.State.AccessHead;
        var logged = new List<AccessEntry>();
        foreach ((string hospitalId, string recordId) in entries)
        {
            logged.Add(AccessLog.Next(AccessLogKey, logged.Count == 0 ? head : logged[^1], now, doctorId, patientId, hospitalId, recordId, consentId));
        }
        if (logged.Count > 0)
        {
            // Rows first, then the head: rows past the head (a crash in between) are rewritten by the next access.
            await accessLog.AppendAsync(logged);
            state.State.AccessHead = logged[^1];
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.AccessHead = head;
                throw;
            }
        }
        return new ShareResult(true, null, [.. shared]);
    }

    /// <inheritdoc/>
    public async Task<int> ReportHospitalAsync(string doctorId, string hospitalId, string reason)
    {
        if (!state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? hospital))
        {
            throw new ArgumentException($"Hospital {hospitalId} is not registered.", nameof(hospitalId));
        }
        DoctorProfile? profile = await GrainFactory.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync();
        if (profile is null || profile.HospitalId != hospitalId || !profile.HospitalPid.AsSpan().SequenceEqual(hospital.Pid)
            || string.IsNullOrWhiteSpace(reason) || hospital.Reporters.Contains(doctorId))
        {
            return hospital.Credit;
        }
        // The hospital itself confirms the doctor works there (a doctor grain alone proves nothing).
        DoctorStanding? standing = await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).GetDoctorAsync(doctorId);
        if (standing is null || !(await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).GetDoctorKeyAsync(doctorId) ?? []).AsSpan().SequenceEqual(profile.PublicKey))
        {
            return hospital.Credit;
        }
        hospital.Reporters.Add(doctorId);
        hospital.Credit = CreditPolicy.Default.AfterUpheldReport(hospital.Credit);
        await state.WriteStateAsync();
        if (CreditPolicy.Default.IsExpelled(hospital.Credit))
        {
            // Not awaited: the report is upheld either way, and the hospital also reads its standing
            // from the SM on activation and once per block interval, should this message be lost.
            GrainFactory.GetGrain<IHospitalGrain>(hospitalId).SuspendAsync().Ignore();
        }
        return hospital.Credit;
    }

    /// <inheritdoc/>
    public async Task<HospitalRegistration?> GetHospitalByPidAsync(byte[] pid)
    {
        SystemParameters p = await EnsureInitializedAsync();
        string? id = HospitalIdOf(p, Convert.ToBase64String(pid));
        return id is not null && state.State.Hospitals.TryGetValue(id, out HospitalEntry? e) ? ToRegistration(id, e) : null;
    }

    /// <summary>Opens a PID_i the SM issued (traceability) and checks it is the one on record.</summary>
    private string? HospitalIdOf(SystemParameters p, string pidBase64)
    {
        byte[] pid;
        try
        {
            pid = Convert.FromBase64String(pidBase64);
        }
        catch (FormatException)
        {
            return null;
        }
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
    public async Task<AccessEntry[]> GetAccessLogAsync(long fromSequence)
    {
        if (state.State.AccessHead is not { } head || fromSequence > head.Sequence)
        {
            return [];
        }
        long from = Math.Max(0, fromSequence);
        return [.. await accessLog.ReadAsync(from, Math.Min(head.Sequence, from + 999))];
    }

    /// <inheritdoc/>
    public async Task<(long Count, long? FirstBroken)> AuditAccessLogAsync()
    {
        if (state.State.AccessHead is not { } head)
        {
            return (0, null);
        }
        IReadOnlyList<AccessEntry> entries = await accessLog.ReadAsync(0, head.Sequence);
        long? broken = AccessLog.FirstBroken(AccessLogKey, entries, head.Sequence + 1);
        // The head kept in the SM's state must be the stored last entry too.
        if (broken is null && !entries[^1].Hash.AsSpan().SequenceEqual(head.Hash))
        {
            broken = head.Sequence;
        }
        return (head.Sequence + 1, broken);
    }

    /// <inheritdoc/>
    public Task<HospitalRegistration?> GetHospitalAsync(string hospitalId) =>
        Task.FromResult(state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? e) ? ToRegistration(hospitalId, e) : null);

    /// <summary>Initialization runs once even when interleaved calls ask for it together.</summary>
    private Task<SystemParameters> EnsureInitializedAsync() => _initialization ??= InitializeAsync();

    private async Task<SystemParameters> InitializeAsync()
    {
        if (state.State.ParametersJson.Length == 0)
        {
            (SystemParameters p, SecretKey master) = SystemSetup.Initialize(options.Value.SecurityLevel);
            byte[] x = master.Export();
            state.State.ParametersJson = p.ToJson();
            state.State.ProtectedMasterKey = keys.Protect(x, KeyPurpose);
            CryptographicOperations.ZeroMemory(x);
            master.Dispose();
            await state.WriteStateAsync();
        }
        return SystemParameters.FromJson(state.State.ParametersJson);
    }

    private SecretKey MasterKey(SystemParameters p)
    {
        byte[] x = keys.Unprotect(state.State.ProtectedMasterKey, KeyPurpose);
        try
        {
            return SecretKey.Import(p, x);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }
    }

    private static HospitalRegistration ToRegistration(string id, HospitalEntry e) => new(id, e.PublicKey, e.Pid, e.Credit);
}
