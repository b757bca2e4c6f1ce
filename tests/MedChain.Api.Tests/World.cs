using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Tests;

/// <summary>
/// A populated deployment for authorization and input tests: two hospitals (h1, h2) with their
/// operators, a doctor at each (d1 at h1, d2 at h2), patients p1 and p2 at h1 and p3 at h2, a
/// sealed block of p1's records at h1, and a bearer token for each of them. Ids are unique per world.
/// </summary>
public sealed class World
{
    public const string Symptom = "R50.9";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private World(string baseAddress) => BaseAddress = baseAddress;

    public string BaseAddress { get; }
    public SystemParameters Parameters { get; private set; } = null!;
    public Dictionary<string, string> Tokens { get; } = [];
    public Dictionary<string, string> Ids { get; } = [];
    public Dictionary<string, SecretKey> Keys { get; } = [];
    public Dictionary<string, MedChainClient> Clients { get; } = [];
    public HospitalInfo H1 { get; private set; } = null!;
    public string Alpha1 { get; private set; } = "";
    public string RecordId { get; private set; } = "";

    /// <summary>The callers of the authorization matrix: anonymous, each role, and a wrong participant of each role.</summary>
    public static readonly string[] Callers = ["anonymous", "sm-admin", "hospital", "hospital-other", "doctor", "doctor-other", "patient", "patient-other"];

    public static async Task<World> CreateAsync(ApiFixture stack)
    {
        var w = new World(stack.BaseAddress);
        string run = Guid.NewGuid().ToString("N")[..8];
        MedChainClient admin = MedChainClient.Create(stack.BaseAddress);
        await admin.LoginAsync("sm-admin", ApiFixture.AdminId, stack.AdminKey);
        w.Parameters = await admin.SetupAsync();
        w.Tokens["sm-admin"] = admin.Token!;
        w.Clients["sm-admin"] = admin;
        foreach ((string caller, string id) in new[] { ("hospital", $"h1-{run}"), ("hospital-other", $"h2-{run}") })
        {
            SecretKey key = SecretKey.Generate(w.Parameters);
            HospitalInfo info = await admin.AdmitHospitalAsync(id, key.PublicKey);
            if (caller == "hospital")
            {
                w.H1 = info;
            }
            await w.LoginAsync(stack, caller, "hospital", id, key);
        }
        foreach ((string caller, string hospital) in new[] { ("doctor", "hospital"), ("doctor-other", "hospital-other") })
        {
            SecretKey key = SecretKey.Generate(w.Parameters);
            var device = new DoctorDevice(w.Parameters, key);
            string id = device.DoctorId;
            await w.Clients[hospital].RegisterDoctorAsync(id, key.PublicKey, device.Enrollment(w.Ids[hospital]));
            await w.LoginAsync(stack, caller, "doctor", id, key);
        }
        foreach ((string caller, string hospital) in new[] { ("patient", "hospital"), ("patient-other", "hospital"), ("patient-third", "hospital-other") })
        {
            SecretKey key = SecretKey.Generate(w.Parameters);
            var device = new PatientDevice(w.Parameters, key);
            string id = device.PatientId;
            PatientRegistered registered = await w.Clients[hospital].RegisterPatientAsync(id, key.PublicKey, device.Enrollment(w.Ids[hospital]));
            if (caller == "patient")
            {
                w.Alpha1 = registered.Alpha;
            }
            await w.LoginAsync(stack, caller, "patient", id, key);
        }
        for (int i = 0; i < 10; i++)
        {
            RecordAccepted accepted = await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], w.Record($"record {i}"));
            w.RecordId = accepted.RecordId;
        }
        await Eventually(async () => (await w.Clients["hospital"].GetHeadAsync(w.Ids["hospital"])).Height >= 0);
        return w;
    }

    public DoctorDevice DoctorDevice(string caller) => new(Parameters, Ids[caller], Keys[caller]);

    public PatientDevice PatientDevice(string caller) => new(Parameters, Ids[caller], Keys[caller]);

    /// <summary>A fresh valid broadcast by d1 for p1 at h1.</summary>
    public BroadcastRecordRequest Record(string text) =>
        DoctorDevice("doctor").Encrypt(Ids["patient"], Keys["patient"].PublicKey, Convert.FromBase64String(Alpha1), H1, Symptom, Encoding.UTF8.GetBytes(text));

    /// <summary>p1's consent for a doctor of the world, for the symptom at h1, with the doctor's share ticket.</summary>
    public (GrantConsentRequest Consent, ShareRequest Ticket) ConsentFor(string doctor, string consentId) => ConsentFor(Ids[doctor], consentId, Keys[doctor].PublicKey);

    /// <summary>p1's consent for any doctor, for the symptom at h1, with the doctor's share ticket.</summary>
    public (GrantConsentRequest Consent, ShareRequest Ticket) ConsentFor(string doctorId, string consentId, PublicKey doctorKey) =>
        PatientDevice("patient").Consent(consentId, new DoctorInfo(doctorId, "", Convert.ToBase64String(doctorKey.Encode()), 0, false, false),
            DateTimeOffset.UtcNow.AddHours(1), [new PatientHospital(H1.Pid, H1.PublicKey)], Symptom);

    /// <summary>p1's trapdoor for h1.</summary>
    public string Trapdoor() => PatientDevice("patient").Trapdoor(new PatientHospital(H1.Pid, H1.PublicKey), Symptom);

    /// <summary>A request as a caller (no token for "anonymous"), with an optional JSON body.</summary>
    public HttpRequestMessage Request(string caller, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, BaseAddress + path.TrimStart('/'));
        if (Tokens.TryGetValue(caller, out string? token))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body, body.GetType(), options: Json);
        }
        return request;
    }

    /// <summary>A login request for a participant of the world, answering a fresh challenge with his key.</summary>
    public async Task<LoginRequest> SignedLoginAsync(string caller)
    {
        string role = caller.StartsWith("patient", StringComparison.Ordinal) ? "patient" : caller.StartsWith("doctor", StringComparison.Ordinal) ? "doctor" : "hospital";
        using var http = new HttpClient();
        using HttpResponseMessage issued = await http.SendAsync(Request("anonymous", HttpMethod.Post, "auth/challenge", new ChallengeRequest(role, Ids[caller])));
        ChallengeResponse challenge = (await issued.Content.ReadFromJsonAsync<ChallengeResponse>(Json))!;
        string origin = LoginStatement.OriginOf(new Uri(BaseAddress));
        byte[] signature = SchnorrSignature.Sign(Keys[caller], SignaturePurpose.Login, LoginStatement.Encode(challenge.Nonce, role, Ids[caller], origin)).Encode();
        return new LoginRequest(role, Ids[caller], challenge.Nonce, Convert.ToBase64String(signature));
    }

    public static async Task Eventually(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(200);
        }
    }

    private async Task LoginAsync(ApiFixture stack, string caller, string role, string id, SecretKey key)
    {
        MedChainClient client = MedChainClient.Create(stack.BaseAddress);
        await client.LoginAsync(role, id, key);
        Tokens[caller] = client.Token!;
        Ids[caller] = id;
        Keys[caller] = key;
        Clients[caller] = client;
    }
}
