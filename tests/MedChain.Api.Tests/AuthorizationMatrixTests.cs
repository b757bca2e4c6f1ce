using System.Net;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Tests;

/// <summary>
/// Every endpoint, called by anonymous, each role, and the wrong participant of the right role:
/// the expected status for each. A caller not listed for an endpoint gets 401 when anonymous and
/// 403 otherwise. Each call gets fresh ids where it would create something, so the order does not matter.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture stack)
{
    private delegate Task<HttpRequestMessage> RequestFor(World w, string caller);

    private static readonly string[] Everyone = World.Callers;
    private static readonly string[] Authenticated = World.Callers[1..];

    private static IEnumerable<(string Name, RequestFor Request, Dictionary<string, HttpStatusCode> Allowed)> Rows()
    {
        yield return ("GET /system/parameters", (w, c) => Get(w, c, "system/parameters"), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /system/setup", (w, c) => Post(w, c, "system/setup", null), Only(("sm-admin", HttpStatusCode.OK)));
        yield return ("GET /system/access-log", (w, c) => Get(w, c, "system/access-log"), Only(("sm-admin", HttpStatusCode.OK)));
        yield return ("POST /auth/challenge", (w, c) => Post(w, c, "auth/challenge", new ChallengeRequest("doctor", "someone")), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /hospitals", (w, c) => Post(w, c, "hospitals", new AdmitHospitalRequest(Fresh("h"), NewKey(w))), Only(("sm-admin", HttpStatusCode.Created)));
        yield return ("GET /hospitals/{id}", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /hospitals/{id}/credit", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/credit"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /hospitals/{id}/blocks", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/blocks"), All(Authenticated, HttpStatusCode.OK));
        yield return ("GET /hospitals/{id}/blocks/0", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/blocks/0"), All(Authenticated, HttpStatusCode.OK));
        yield return ("GET receipt", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/records/{w.RecordId}/receipt"), All(Authenticated, HttpStatusCode.OK));
        yield return ("POST /hospitals/{id}/seal", (w, c) => Post(w, c, $"hospitals/{w.Ids["hospital"]}/seal", null), Only(("hospital", HttpStatusCode.OK)));
        yield return ("GET /hospitals/{id}/audit", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/audit"),
            Only(("sm-admin", HttpStatusCode.OK), ("hospital", HttpStatusCode.OK)));
        // A hospital registers doctors and patients only at itself (the caller is the hospital), so both hospitals may.
        yield return ("POST /doctors", (w, c) => Post(w, c, "doctors", Enrollee(w, c, "doctor", (id, key, proof) => new RegisterDoctorRequest(id, key, proof))),
            Only(("hospital", HttpStatusCode.Created), ("hospital-other", HttpStatusCode.Created)));
        yield return ("GET /doctors/{id}", (w, c) => Get(w, c, $"doctors/{w.Ids["doctor"]}"), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /doctors/{id}/records", (w, c) => Post(w, c, $"doctors/{w.Ids["doctor"]}/records", w.Record(Fresh("text"))), Only(("doctor", HttpStatusCode.OK)));
        yield return ("POST /doctors/{id}/reports", (w, c) => Post(w, c, $"doctors/{w.Ids["doctor"]}/reports", new ReportRequest(w.Ids["hospital-other"], "late")),
            Only(("doctor", HttpStatusCode.OK)));
        yield return ("POST /patients", (w, c) => Post(w, c, "patients", Enrollee(w, c, "patient", (id, key, proof) => new RegisterPatientRequest(id, key, proof))),
            Only(("hospital", HttpStatusCode.Created), ("hospital-other", HttpStatusCode.Created)));
        yield return ("GET /patients/{id}/hospitals", (w, c) => Get(w, c, $"patients/{w.Ids["patient"]}/hospitals"), Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /patients/{id}/search", (w, c) => Post(w, c, $"patients/{w.Ids["patient"]}/search", new SearchRequest(w.H1.Pid, w.Trapdoor())),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /patients/{id}/consents", (w, c) => Post(w, c, $"patients/{w.Ids["patient"]}/consents", ConsentFor(w, "doctor-other")),
            Only(("patient", HttpStatusCode.Created)));
        yield return ("GET /patients/{id}/consents", (w, c) => Get(w, c, $"patients/{w.Ids["patient"]}/consents"), Only(("patient", HttpStatusCode.OK)));
        yield return ("DELETE /patients/{id}/consents/{cid}", async (w, c) =>
        {
            GrantConsentRequest consent = ConsentFor(w, "doctor-other");
            await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
            return w.Request(c, HttpMethod.Delete, $"patients/{w.Ids["patient"]}/consents/{consent.ConsentId}");
        }, Only(("patient", HttpStatusCode.NoContent)));
        // The consent names d2: d2 reads; d1 (a doctor, not the one named) is refused by the proxy.
        yield return ("POST /sharing", async (w, c) =>
        {
            GrantConsentRequest consent = ConsentFor(w, "doctor-other");
            await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
            return w.Request(c, HttpMethod.Post, "sharing", new ShareRequest(w.Ids["patient"], consent.ConsentId, new() { [w.H1.Pid] = w.Trapdoor() }));
        }, Only(("doctor-other", HttpStatusCode.OK)));
        yield return ("POST /matching/sessions", (w, c) => Post(w, c, "matching/sessions", new StartMatchingRequest(Fresh("s"), w.Ids["patient-third"])),
            Only(("patient", HttpStatusCode.Created), ("patient-other", HttpStatusCode.Created)));
        yield return ("POST /matching/sessions/{id}/messages", async (w, c) =>
            w.Request(c, HttpMethod.Post, $"matching/sessions/{await SessionAsync(w)}/messages", new MatchingPost(1, Convert.ToBase64String(new byte[8]))),
            Only(("patient", HttpStatusCode.NoContent)));
        yield return ("GET /matching/sessions/{id}", async (w, c) => w.Request(c, HttpMethod.Get, $"matching/sessions/{await SessionAsync(w)}"),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("GET /matching/sessions/{id}/messages", async (w, c) => w.Request(c, HttpMethod.Get, $"matching/sessions/{await SessionAsync(w)}/messages"),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /matching/sessions/{id}/finish", async (w, c) => w.Request(c, HttpMethod.Post, $"matching/sessions/{await SessionAsync(w)}/finish"),
            Only(("patient", HttpStatusCode.NoContent)));
    }

    [Fact]
    public async Task EveryEndpointAnswersEachCallerAsThePoliciesSay()
    {
        World w = await World.CreateAsync(stack);
        using var http = new HttpClient();
        var wrong = new List<string>();
        int rows = 0;
        foreach ((string name, RequestFor request, Dictionary<string, HttpStatusCode> allowed) in Rows())
        {
            rows++;
            foreach (string caller in World.Callers)
            {
                HttpStatusCode expected = allowed.TryGetValue(caller, out HttpStatusCode ok) ? ok
                    : caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                using HttpRequestMessage message = await request(w, caller);
                using HttpResponseMessage response = await http.SendAsync(message);
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{name} as {caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if ((int)expected >= 400)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(28, rows);
    }

    private static Task<HttpRequestMessage> Get(World w, string caller, string path) => Task.FromResult(w.Request(caller, HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(World w, string caller, string path, object? body) => Task.FromResult(w.Request(caller, HttpMethod.Post, path, body));

    private static Dictionary<string, HttpStatusCode> All(string[] callers, HttpStatusCode status) => callers.ToDictionary(c => c, _ => status);

    private static Dictionary<string, HttpStatusCode> Only(params (string Caller, HttpStatusCode Status)[] allowed) => allowed.ToDictionary(a => a.Caller, a => a.Status);

    private static string Fresh(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static string NewKey(World w)
    {
        using SecretKey key = SecretKey.Generate(w.Parameters);
        return Convert.ToBase64String(key.PublicKey.Encode());
    }

    /// <summary>A fresh doctor or patient with his enrollment proof for the caller's hospital (when the caller is one).</summary>
    private static T Enrollee<T>(World w, string caller, string role, Func<string, string, string, T> request)
    {
        string id = Fresh(role[0..1]);
        using SecretKey key = SecretKey.Generate(w.Parameters);
        string hospital = w.Ids.GetValueOrDefault(caller, "none");
        return request(id, Convert.ToBase64String(key.PublicKey.Encode()), Convert.ToBase64String(EnrollmentStatement.Sign(key, role, id, hospital)));
    }

    private static GrantConsentRequest ConsentFor(World w, string doctor) =>
        w.PatientDevice("patient").Consent(Fresh("c"), new DoctorInfo(w.Ids[doctor], "", Convert.ToBase64String(w.Keys[doctor].PublicKey.Encode()), 0, false),
            DateTimeOffset.UtcNow.AddHours(1));

    /// <summary>A fresh session between p1 (initiator) and p3.</summary>
    private static async Task<string> SessionAsync(World w)
    {
        string session = Fresh("s");
        await w.Clients["patient"].StartMatchingAsync(session, w.Ids["patient-third"]);
        return session;
    }
}
