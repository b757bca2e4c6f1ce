using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MedChain.Contracts;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Client.Sdk;

/// <summary>
/// Typed access to the MedChain HTTP API for one participant: login by key (the private key signs
/// the challenge here and is never sent), then every call with the bearer token. Calls answered
/// 503 (cluster unavailable) are retried after the server's Retry-After, a few times. Errors
/// become <see cref="MedChainApiException"/> with the server's ProblemDetails.
/// </summary>
public sealed class MedChainClient(HttpClient http, int maxAttempts = 4)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string? _token;

    /// <summary>The API's base address.</summary>
    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>A client for an API at a base address.</summary>
    public static MedChainClient Create(string baseAddress) =>
        new(new HttpClient { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(100) });

    /// <summary>Logs in as a participant: signs the API's single-use challenge with the participant's key.</summary>
    public async Task LoginAsync(string role, string subject, SecretKey key, CancellationToken cancellation = default)
    {
        ChallengeResponse challenge = await PostAsync<ChallengeResponse>("auth/challenge", new ChallengeRequest(role, subject), cancellation);
        string origin = LoginStatement.OriginOf(http.BaseAddress ?? throw new InvalidOperationException("The client needs a base address."));
        byte[] signature = SchnorrSignature.Sign(key, SignaturePurpose.Login, LoginStatement.Encode(challenge.Nonce, role, subject, origin)).Encode();
        LoginResponse login = await PostAsync<LoginResponse>("auth/login", new LoginRequest(role, subject, challenge.Nonce, Convert.ToBase64String(signature)), cancellation);
        _token = login.Token;
    }

    /// <summary>The bearer token after login, else null.</summary>
    public string? Token => _token;

    /// <summary>Uses a token obtained elsewhere (or none).</summary>
    public void UseToken(string? token) => _token = token;

    /// <summary>The public parameters, or null before setup.</summary>
    public async Task<SystemParameters?> FindParametersAsync(CancellationToken cancellation = default)
    {
        try
        {
            return SystemParameters.FromJson(await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "system/parameters"), ReadStringAsync, cancellation));
        }
        catch (MedChainApiException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Sets the system up (sm-admin) and returns the parameters.</summary>
    public async Task<SystemParameters> SetupAsync(CancellationToken cancellation = default) =>
        SystemParameters.FromJson(await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "system/setup"), ReadStringAsync, cancellation));

    /// <summary>The proxy's access log with its audit (sm-admin).</summary>
    public Task<AccessLogPage> GetAccessLogAsync(string patientId, long from = 0, CancellationToken cancellation = default) =>
        GetAsync<AccessLogPage>($"system/access-log?patientId={Uri.EscapeDataString(patientId)}&from={from}", cancellation);

    /// <summary>The calling patient's own access log: who received which of his records.</summary>
    public Task<AccessLogPage> GetPatientAccessLogAsync(string patientId, long from = 0, CancellationToken cancellation = default) =>
        GetAsync<AccessLogPage>($"patients/{Uri.EscapeDataString(patientId)}/access-log?from={from}", cancellation);

    /// <summary>Admits a hospital with its operator's login key (sm-admin).</summary>
    public Task<HospitalInfo> AdmitHospitalAsync(string hospitalId, PublicKey operatorKey, CancellationToken cancellation = default) =>
        PostAsync<HospitalInfo>("hospitals", new AdmitHospitalRequest(hospitalId, Convert.ToBase64String(operatorKey.Encode())), cancellation);

    /// <summary>A hospital's public identity and credit.</summary>
    public Task<HospitalInfo> GetHospitalAsync(string hospitalId, CancellationToken cancellation = default) =>
        GetAsync<HospitalInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}", cancellation);

    /// <summary>A hospital chain's head.</summary>
    public Task<ChainHeadInfo> GetHeadAsync(string hospitalId, CancellationToken cancellation = default) =>
        GetAsync<ChainHeadInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/blocks", cancellation);

    /// <summary>A sealed block's signed header (any participant).</summary>
    public Task<BlockHeaderInfo> GetBlockHeaderAsync(string hospitalId, long height, CancellationToken cancellation = default) =>
        GetAsync<BlockHeaderInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/blocks/{height}/header", cancellation);

    /// <summary>A sealed block with its records (the hospital itself or an sm-admin).</summary>
    public Task<BlockInfo> GetBlockAsync(string hospitalId, long height, CancellationToken cancellation = default) =>
        GetAsync<BlockInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/blocks/{height}", cancellation);

    /// <summary>Seals the hospital's pending records now (the hospital itself).</summary>
    public Task<ChainHeadInfo> SealAsync(string hospitalId, CancellationToken cancellation = default) =>
        PostAsync<ChainHeadInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/seal", null, cancellation);

    /// <summary>Audits a hospital's chain against its replicas (the hospital or an sm-admin).</summary>
    public Task<AuditInfo> AuditAsync(string hospitalId, CancellationToken cancellation = default) =>
        GetAsync<AuditInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/audit", cancellation);

    /// <summary>A Merkle inclusion receipt for a sealed record.</summary>
    public Task<RecordReceipt> GetReceiptAsync(string hospitalId, string recordId, CancellationToken cancellation = default) =>
        GetAsync<RecordReceipt>($"hospitals/{Uri.EscapeDataString(hospitalId)}/records/{Uri.EscapeDataString(recordId)}/receipt", cancellation);

    /// <summary>Registers a doctor of the calling hospital, with the doctor's enrollment proof (<see cref="DoctorDevice.Enrollment"/>).</summary>
    public Task<DoctorInfo> RegisterDoctorAsync(string doctorId, PublicKey key, byte[] proof, CancellationToken cancellation = default) =>
        PostAsync<DoctorInfo>("doctors", new RegisterDoctorRequest(doctorId, Convert.ToBase64String(key.Encode()), Convert.ToBase64String(proof)), cancellation);

    /// <summary>
    /// Replaces the calling doctor's or patient's key (<paramref name="role"/> "doctor" or "patient")
    /// with the rotation his device made (<see cref="KeyRotation.Create"/>); log in again with the new key.
    /// </summary>
    public Task<ParticipantKeyInfo> RotateKeyAsync(string role, string participantId, KeyRotation rotation, CancellationToken cancellation = default) =>
        PostAsync<ParticipantKeyInfo>($"{role}s/{Uri.EscapeDataString(participantId)}/keys", new RotateKeyRequest(Convert.ToBase64String(rotation.NewKey),
            Convert.ToBase64String(rotation.CurrentKeySignature), Convert.ToBase64String(rotation.NewKeySignature)), cancellation);

    /// <summary>Revokes a doctor's or patient's key (sm-admin).</summary>
    public Task<ParticipantKeyInfo> RevokeKeyAsync(string role, string participantId, CancellationToken cancellation = default) =>
        PostAsync<ParticipantKeyInfo>($"{role}s/{Uri.EscapeDataString(participantId)}/revocation", null, cancellation);

    /// <summary>A doctor's public profile.</summary>
    public Task<DoctorInfo> GetDoctorAsync(string doctorId, CancellationToken cancellation = default) =>
        GetAsync<DoctorInfo>($"doctors/{Uri.EscapeDataString(doctorId)}", cancellation);

    /// <summary>Broadcasts a record (the calling doctor).</summary>
    public Task<RecordAccepted> BroadcastAsync(string doctorId, BroadcastRecordRequest record, CancellationToken cancellation = default) =>
        PostAsync<RecordAccepted>($"doctors/{Uri.EscapeDataString(doctorId)}/records", record, cancellation);

    /// <summary>Reports a hospital (the calling doctor).</summary>
    public Task<ReportFiled> ReportAsync(string doctorId, string hospitalId, string reason, CancellationToken cancellation = default) =>
        PostAsync<ReportFiled>($"doctors/{Uri.EscapeDataString(doctorId)}/reports", new ReportRequest(hospitalId, reason), cancellation);

    /// <summary>The reports about hospitals, newest first (sm-admin), optionally only those in one status (pending, upheld, dismissed).</summary>
    public Task<ReportFiled[]> GetReportsAsync(string? status = null, CancellationToken cancellation = default) =>
        GetAsync<ReportFiled[]>(status is null ? "system/reports" : $"system/reports?status={Uri.EscapeDataString(status)}", cancellation);

    /// <summary>Upholds (the hospital pays the penalty) or dismisses a pending report (sm-admin); the hospital after.</summary>
    public Task<HospitalInfo> DecideReportAsync(string reportId, bool uphold, CancellationToken cancellation = default) =>
        PostAsync<HospitalInfo>($"system/reports/{Uri.EscapeDataString(reportId)}/{(uphold ? "uphold" : "dismiss")}", null, cancellation);

    /// <summary>Lifts a hospital's suspension (sm-admin): its credit is restored; the hospital after.</summary>
    public Task<HospitalInfo> ReinstateHospitalAsync(string hospitalId, CancellationToken cancellation = default) =>
        PostAsync<HospitalInfo>($"hospitals/{Uri.EscapeDataString(hospitalId)}/reinstate", null, cancellation);

    /// <summary>Registers a patient at the calling hospital, with his enrollment proof (<see cref="PatientDevice.Enrollment"/>); returns his alpha.</summary>
    public Task<PatientRegistered> RegisterPatientAsync(string patientId, PublicKey key, byte[] proof, CancellationToken cancellation = default) =>
        PostAsync<PatientRegistered>("patients", new RegisterPatientRequest(patientId, Convert.ToBase64String(key.Encode()), Convert.ToBase64String(proof)), cancellation);

    /// <summary>The hospitals holding the calling patient's records.</summary>
    public Task<PatientHospital[]> GetPatientHospitalsAsync(string patientId, CancellationToken cancellation = default) =>
        GetAsync<PatientHospital[]>($"patients/{Uri.EscapeDataString(patientId)}/hospitals", cancellation);

    /// <summary>The calling patient's records at a hospital that match a trapdoor.</summary>
    public Task<RecordList> SearchAsync(string patientId, SearchRequest request, CancellationToken cancellation = default) =>
        PostAsync<RecordList>($"patients/{Uri.EscapeDataString(patientId)}/search", request, cancellation);

    /// <summary>Stores a signed consent (the calling patient).</summary>
    public Task<ConsentSummary> GrantConsentAsync(string patientId, GrantConsentRequest consent, CancellationToken cancellation = default) =>
        PostAsync<ConsentSummary>($"patients/{Uri.EscapeDataString(patientId)}/consents", consent, cancellation);

    /// <summary>The calling patient's consents.</summary>
    public Task<ConsentSummary[]> GetConsentsAsync(string patientId, CancellationToken cancellation = default) =>
        GetAsync<ConsentSummary[]>($"patients/{Uri.EscapeDataString(patientId)}/consents", cancellation);

    /// <summary>Revokes a consent (the calling patient).</summary>
    public Task RevokeConsentAsync(string patientId, string consentId, CancellationToken cancellation = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"patients/{Uri.EscapeDataString(patientId)}/consents/{Uri.EscapeDataString(consentId)}"), ReadNothingAsync, cancellation);

    /// <summary>A patient's history re-encrypted for the calling doctor under a consent.</summary>
    public Task<SharedRecords> ShareAsync(ShareRequest request, CancellationToken cancellation = default) =>
        PostAsync<SharedRecords>("sharing", request, cancellation);

    /// <summary>Opens a matching session with another patient (the caller is the initiator).</summary>
    public Task<MatchingSession> StartMatchingAsync(string sessionId, string responder, CancellationToken cancellation = default) =>
        PostAsync<MatchingSession>("matching/sessions", new StartMatchingRequest(sessionId, responder), cancellation);

    /// <summary>A matching session's parties (for its parties only).</summary>
    public Task<MatchingSession> GetMatchingAsync(string sessionId, CancellationToken cancellation = default) =>
        GetAsync<MatchingSession>($"matching/sessions/{Uri.EscapeDataString(sessionId)}", cancellation);

    /// <summary>Posts a matching message.</summary>
    public Task PostMatchingAsync(string sessionId, int step, byte[] payload, CancellationToken cancellation = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"matching/sessions/{Uri.EscapeDataString(sessionId)}/messages")
        {
            Content = JsonContent.Create(new MatchingPost(step, Convert.ToBase64String(payload)), options: Json),
        }, ReadNothingAsync, cancellation);

    /// <summary>The other party's messages from an index on.</summary>
    public Task<MatchingEnvelope[]> ReadMatchingAsync(string sessionId, int from = 0, CancellationToken cancellation = default) =>
        GetAsync<MatchingEnvelope[]>($"matching/sessions/{Uri.EscapeDataString(sessionId)}/messages?from={from}", cancellation);

    /// <summary>Leaves a matching session.</summary>
    public Task FinishMatchingAsync(string sessionId, CancellationToken cancellation = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"matching/sessions/{Uri.EscapeDataString(sessionId)}/finish"), ReadNothingAsync, cancellation);

    /// <summary>The current checkpoint of every log (signed notes).</summary>
    public Task<CheckpointList> GetCheckpointsAsync(CancellationToken cancellation = default) =>
        GetAsync<CheckpointList>("checkpoints", cancellation);

    /// <summary>The entries of a log between two sizes.</summary>
    public Task<LogProof> GetLogProofAsync(string origin, long from, long to, CancellationToken cancellation = default) =>
        GetAsync<LogProof>($"checkpoints/proof?origin={Uri.EscapeDataString(origin)}&from={from}&to={to}", cancellation);

    /// <summary>Posts a witness's cosigned note; the log's newest witnessed checkpoint.</summary>
    public Task<WitnessedCheckpointInfo> PostCosignatureAsync(string note, CancellationToken cancellation = default) =>
        PostAsync<WitnessedCheckpointInfo>("checkpoints/cosignatures", new CosignRequest(note), cancellation);

    /// <summary>Registers a witness (the sm-admin).</summary>
    public Task<WitnessSummary> RegisterWitnessAsync(string name, PublicKey key, CancellationToken cancellation = default) =>
        PostAsync<WitnessSummary>("checkpoints/witnesses", new RegisterWitnessRequest(name, Convert.ToBase64String(key.Encode())), cancellation);

    /// <summary>The registered witnesses.</summary>
    public Task<WitnessSummary[]> GetWitnessesAsync(CancellationToken cancellation = default) =>
        GetAsync<WitnessSummary[]>("checkpoints/witnesses", cancellation);

    private Task<T> GetAsync<T>(string path, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ReadJson<T>, cancellation);

    private Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) },
            ReadJson<T>, cancellation);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellation)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpRequestMessage message = request();
            if (_token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            }
            using HttpResponseMessage response = await http.SendAsync(message, cancellation);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < maxAttempts)
            {
                TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
                await Task.Delay(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait, cancellation);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellation);
            }
            return await read(response, cancellation);
        }
    }

    private static async Task<T> ReadJson<T>(HttpResponseMessage response, CancellationToken cancellation) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellation) ?? throw new InvalidOperationException("The API answered an empty body.");

    private static Task<string> ReadStringAsync(HttpResponseMessage response, CancellationToken cancellation) =>
        response.Content.ReadAsStringAsync(cancellation);

    private static Task<bool> ReadNothingAsync(HttpResponseMessage response, CancellationToken cancellation) => Task.FromResult(true);

    private static async Task<MedChainApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        string? title = null, detail = null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
            title = doc.RootElement.TryGetProperty("title", out JsonElement t) ? t.GetString() : null;
            detail = doc.RootElement.TryGetProperty("detail", out JsonElement d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
        }
        return new MedChainApiException((int)response.StatusCode, title ?? response.ReasonPhrase, detail);
    }
}
