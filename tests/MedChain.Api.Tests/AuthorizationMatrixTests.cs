using MedChain.Protocol.Identity;
using System.Net;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedChain.Api.Tests;

/// <summary>
/// Every route the API maps, called by anonymous, each role, and the wrong participant of the right
/// role: the expected status for each. A caller not listed for a route gets 401 when anonymous and
/// 403 otherwise. The routes come from the running API's endpoint data source, so a route without
/// a row fails. Each call gets fresh ids where it would create something, so the order does not matter.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture stack)
{
    private delegate Task<HttpRequestMessage> RequestFor(World w, string caller);

    private static readonly string[] Everyone = World.Callers;
    private static readonly string[] Authenticated = World.Callers[1..];

    /// <summary>The routes of the matrix, one test case each.</summary>
    public static TheoryData<string> Routes() => [.. Rows().Select(r => r.Route)];

    /// <summary>One row per route ("METHOD pattern", as the API maps it): how to call it, and who may with which answer.</summary>
    private static IEnumerable<(string Route, RequestFor Request, Dictionary<string, HttpStatusCode> Allowed)> Rows()
    {
        // The probes answer any method.
        yield return ("* /health/live", (w, c) => Get(w, c, "health/live"), All(Everyone, HttpStatusCode.OK));
        yield return ("* /health/ready", (w, c) => Get(w, c, "health/ready"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /openapi/v1.json", (w, c) => Get(w, c, "openapi/v1.json"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /scalar/{documentName?}", (w, c) => Get(w, c, "scalar"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /scalar/scalar.js", (w, c) => Get(w, c, "scalar/scalar.js"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /scalar/scalar.aspnetcore.js", (w, c) => Get(w, c, "scalar/scalar.aspnetcore.js"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /scalar/favicon.svg", (w, c) => Get(w, c, "scalar/favicon.svg"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /system/parameters", (w, c) => Get(w, c, "system/parameters"), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /system/setup", (w, c) => Post(w, c, "system/setup", null), Only(("sm-admin", HttpStatusCode.OK)));
        yield return ("GET /system/access-log", (w, c) => Get(w, c, $"system/access-log?patientId={w.Ids["patient"]}"), Only(("sm-admin", HttpStatusCode.OK)));
        yield return ("GET /patients/{patientId}/access-log", (w, c) => Get(w, c, $"patients/{w.Ids["patient"]}/access-log"), Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /auth/challenge", (w, c) => Post(w, c, "auth/challenge", new ChallengeRequest("doctor", "someone")), All(Everyone, HttpStatusCode.OK));
        // Whoever calls (a token is not needed), a login with p1's key for a fresh challenge of p1's succeeds.
        yield return ("POST /auth/login", async (w, c) => w.Request(c, HttpMethod.Post, "auth/login", await w.SignedLoginAsync("patient")), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /hospitals/", (w, c) => Post(w, c, "hospitals", new AdmitHospitalRequest(Fresh("h"), NewKey(w))), Only(("sm-admin", HttpStatusCode.Created)));
        yield return ("GET /hospitals/{hospitalId}", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /hospitals/{hospitalId}/credit", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/credit"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /hospitals/{hospitalId}/blocks", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/blocks"), All(Authenticated, HttpStatusCode.OK));
        // A block's records only for its hospital and the SM; its signed header for everyone.
        yield return ("GET /hospitals/{hospitalId}/blocks/{height:long}", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/blocks/0"),
            Only(("sm-admin", HttpStatusCode.OK), ("hospital", HttpStatusCode.OK)));
        yield return ("GET /hospitals/{hospitalId}/blocks/{height:long}/header", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/blocks/0/header"), All(Authenticated, HttpStatusCode.OK));
        // d1's record about p1 at h1: its hospital, the SM, d1 and p1 read its receipt; for anyone else it does not exist.
        yield return ("GET /hospitals/{hospitalId}/records/{recordId}/receipt", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/records/{w.RecordId}/receipt"),
            Only(("sm-admin", HttpStatusCode.OK), ("hospital", HttpStatusCode.OK), ("doctor", HttpStatusCode.OK), ("patient", HttpStatusCode.OK),
                ("hospital-other", HttpStatusCode.NotFound), ("doctor-other", HttpStatusCode.NotFound), ("patient-other", HttpStatusCode.NotFound)));
        yield return ("POST /hospitals/{hospitalId}/seal", (w, c) => Post(w, c, $"hospitals/{w.Ids["hospital"]}/seal", null), Only(("hospital", HttpStatusCode.OK)));
        yield return ("GET /hospitals/{hospitalId}/audit", (w, c) => Get(w, c, $"hospitals/{w.Ids["hospital"]}/audit"),
            Only(("sm-admin", HttpStatusCode.OK), ("hospital", HttpStatusCode.OK)));
        // A hospital registers doctors and patients only at itself (the caller is the hospital), so both hospitals may.
        yield return ("POST /doctors/", (w, c) => Post(w, c, "doctors", Enrollee(w, c, "doctor", (id, key, proof) => new RegisterDoctorRequest(id, key, proof))),
            Only(("hospital", HttpStatusCode.Created), ("hospital-other", HttpStatusCode.Created)));
        // Keys: the world's own keys must stay, so the allowed caller sends a rotation his current key did not sign (422),
        // and the sm-admin revokes an id nobody has (404); everyone else is refused before.
        yield return ("POST /doctors/{doctorId}/keys", (w, c) => Post(w, c, $"doctors/{w.Ids["doctor"]}/keys", UnsignedRotation(w)),
            Only(("doctor", HttpStatusCode.UnprocessableEntity)));
        yield return ("POST /patients/{patientId}/keys", (w, c) => Post(w, c, $"patients/{w.Ids["patient"]}/keys", UnsignedRotation(w)),
            Only(("patient", HttpStatusCode.UnprocessableEntity)));
        yield return ("POST /doctors/{doctorId}/revocation", (w, c) => Post(w, c, $"doctors/{Fresh("d")}/revocation", null), Only(("sm-admin", HttpStatusCode.NotFound)));
        yield return ("POST /patients/{patientId}/revocation", (w, c) => Post(w, c, $"patients/{Fresh("p")}/revocation", null), Only(("sm-admin", HttpStatusCode.NotFound)));
        yield return ("GET /doctors/{doctorId}", (w, c) => Get(w, c, $"doctors/{w.Ids["doctor"]}"), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /doctors/{doctorId}/records", (w, c) => Post(w, c, $"doctors/{w.Ids["doctor"]}/records", w.Record(Fresh("text"))), Only(("doctor", HttpStatusCode.OK)));
        // d1 reports his own hospital (filed once: later calls get the same report).
        yield return ("POST /doctors/{doctorId}/reports", (w, c) => Post(w, c, $"doctors/{w.Ids["doctor"]}/reports", new ReportRequest(w.Ids["hospital"], "late")),
            Only(("doctor", HttpStatusCode.OK)));
        yield return ("GET /system/reports", (w, c) => Get(w, c, "system/reports?status=pending"), Only(("sm-admin", HttpStatusCode.OK)));
        // Decisions on a report that does not exist: the sm-admin gets 404, everyone else is refused before.
        yield return ("POST /system/reports/{reportId}/uphold", (w, c) => Post(w, c, "system/reports/no-such-report/uphold", null), Only(("sm-admin", HttpStatusCode.NotFound)));
        yield return ("POST /system/reports/{reportId}/dismiss", (w, c) => Post(w, c, "system/reports/no-such-report/dismiss", null), Only(("sm-admin", HttpStatusCode.NotFound)));
        yield return ("POST /hospitals/{hospitalId}/reinstate", (w, c) => Post(w, c, $"hospitals/{w.Ids["hospital-other"]}/reinstate", null), Only(("sm-admin", HttpStatusCode.OK)));
        yield return ("POST /patients/", (w, c) => Post(w, c, "patients", Enrollee(w, c, "patient", (id, key, proof) => new RegisterPatientRequest(id, key, proof))),
            Only(("hospital", HttpStatusCode.Created), ("hospital-other", HttpStatusCode.Created)));
        yield return ("GET /patients/{patientId}/hospitals", (w, c) => Get(w, c, $"patients/{w.Ids["patient"]}/hospitals"), Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /patients/{patientId}/search", (w, c) => Post(w, c, $"patients/{w.Ids["patient"]}/search", new SearchRequest(w.H1.Pid, w.Trapdoor())),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /patients/{patientId}/consents", (w, c) => Post(w, c, $"patients/{w.Ids["patient"]}/consents", ConsentFor(w, "doctor-other")),
            Only(("patient", HttpStatusCode.Created)));
        yield return ("GET /patients/{patientId}/consents", (w, c) => Get(w, c, $"patients/{w.Ids["patient"]}/consents"), Only(("patient", HttpStatusCode.OK)));
        yield return ("DELETE /patients/{patientId}/consents/{consentId}", async (w, c) =>
        {
            GrantConsentRequest consent = ConsentFor(w, "doctor-other");
            await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
            return w.Request(c, HttpMethod.Delete, $"patients/{w.Ids["patient"]}/consents/{consent.ConsentId}");
        }, Only(("patient", HttpStatusCode.NoContent)));
        // The consent names d2: d2 reads; d1 (a doctor, not the one named) is refused by the proxy.
        yield return ("POST /sharing/", async (w, c) =>
        {
            (GrantConsentRequest consent, ShareRequest ticket) = w.ConsentFor("doctor-other", Fresh("c"));
            await w.Clients["patient"].GrantConsentAsync(w.Ids["patient"], consent);
            return w.Request(c, HttpMethod.Post, "sharing", ticket);
        }, Only(("doctor-other", HttpStatusCode.OK)));
        // Checkpoints are for outside witnesses: reads and cosignatures need no account (a note without a registered witness's cosignature is refused).
        yield return ("GET /checkpoints/", (w, c) => Get(w, c, "checkpoints"), All(Everyone, HttpStatusCode.OK));
        yield return ("GET /checkpoints/proof", async (w, c) =>
        {
            string origin = (await w.Clients["sm-admin"].GetCheckpointsAsync()).Checkpoints.First(n => n.Contains("/chain/" + w.Ids["hospital"], StringComparison.Ordinal)).Split('\n')[0];
            return w.Request(c, HttpMethod.Get, $"checkpoints/proof?origin={Uri.EscapeDataString(origin)}&from=0&to=1");
        }, All(Everyone, HttpStatusCode.OK));
        yield return ("POST /checkpoints/cosignatures", async (w, c) =>
            w.Request(c, HttpMethod.Post, "checkpoints/cosignatures", new CosignRequest((await w.Clients["sm-admin"].GetCheckpointsAsync()).Checkpoints[0])),
            All(Everyone, HttpStatusCode.UnprocessableEntity));
        yield return ("GET /checkpoints/witnesses", (w, c) => Get(w, c, "checkpoints/witnesses"), All(Everyone, HttpStatusCode.OK));
        yield return ("POST /checkpoints/witnesses", (w, c) => Post(w, c, "checkpoints/witnesses", new RegisterWitnessRequest(Fresh("w"), NewKey(w))), Only(("sm-admin", HttpStatusCode.Created)));
        yield return ("DELETE /checkpoints/witnesses/{name}", (w, c) => Task.FromResult(w.Request(c, HttpMethod.Delete, "checkpoints/witnesses/" + Fresh("w"))), Only(("sm-admin", HttpStatusCode.NotFound)));
        yield return ("POST /matching/sessions/", (w, c) => Post(w, c, "matching/sessions", new StartMatchingRequest(Fresh("s"), w.Ids["patient-third"])),
            Only(("patient", HttpStatusCode.Created), ("patient-other", HttpStatusCode.Created)));
        yield return ("POST /matching/sessions/{sessionId}/messages", async (w, c) =>
            w.Request(c, HttpMethod.Post, $"matching/sessions/{await SessionAsync(w)}/messages", new MatchingPost(1, Convert.ToBase64String(new byte[8]))),
            Only(("patient", HttpStatusCode.NoContent)));
        yield return ("GET /matching/sessions/{sessionId}", async (w, c) => w.Request(c, HttpMethod.Get, $"matching/sessions/{await SessionAsync(w)}"),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("GET /matching/sessions/{sessionId}/messages", async (w, c) => w.Request(c, HttpMethod.Get, $"matching/sessions/{await SessionAsync(w)}/messages"),
            Only(("patient", HttpStatusCode.OK)));
        yield return ("POST /matching/sessions/{sessionId}/finish", async (w, c) => w.Request(c, HttpMethod.Post, $"matching/sessions/{await SessionAsync(w)}/finish"),
            Only(("patient", HttpStatusCode.NoContent)));
    }

    [Fact]
    public void EveryMappedRouteHasARowAndEveryRowARoute()
    {
        string[] mapped = [.. stack.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];
        string[] rows = [.. Rows().Select(r => r.Route).Order(StringComparer.Ordinal)];
        Assert.True(!mapped.Except(rows).Any(), "routes without a row: " + string.Join(", ", mapped.Except(rows)));
        Assert.True(!rows.Except(mapped).Any(), "rows without a route: " + string.Join(", ", rows.Except(mapped)));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task TheRouteAnswersEachCallerAsThePoliciesSay(string route)
    {
        World w = await stack.SharedWorldAsync();
        (_, RequestFor request, Dictionary<string, HttpStatusCode> allowed) = Rows().Single(r => r.Route == route);
        using var http = new HttpClient();
        var wrong = new List<string>();
        foreach (string caller in World.Callers)
        {
            HttpStatusCode expected = allowed.TryGetValue(caller, out HttpStatusCode ok) ? ok
                : caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            using HttpRequestMessage message = await request(w, caller);
            using HttpResponseMessage response = await http.SendAsync(message);
            if (response.StatusCode != expected)
            {
                wrong.Add($"{route} as {caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if ((int)expected >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
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

    /// <summary>A rotation to a fresh key that a stranger's key signed in place of the participant's current key.</summary>
    private static RotateKeyRequest UnsignedRotation(World w)
    {
        using SecretKey stranger = SecretKey.Generate(w.Parameters);
        using SecretKey next = SecretKey.Generate(w.Parameters);
        KeyRotation rotation = KeyRotation.Create("doctor", "anyone", stranger, next);
        return new RotateKeyRequest(Convert.ToBase64String(rotation.NewKey), Convert.ToBase64String(rotation.CurrentKeySignature), Convert.ToBase64String(rotation.NewKeySignature));
    }

    /// <summary>A fresh doctor or patient with his enrollment proof for the caller's hospital (when the caller is one).</summary>
    private static T Enrollee<T>(World w, string caller, string role, Func<string, string, string, T> request)
    {
        using SecretKey key = SecretKey.Generate(w.Parameters);
        string id = ParticipantIds.Derive(role, key.PublicKey);
        string hospital = w.Ids.GetValueOrDefault(caller, "none");
        return request(id, Convert.ToBase64String(key.PublicKey.Encode()), Convert.ToBase64String(EnrollmentStatement.Sign(key, role, id, hospital)));
    }

    private static GrantConsentRequest ConsentFor(World w, string doctor) => w.ConsentFor(doctor, Fresh("c")).Consent;

    /// <summary>A fresh session between p1 (initiator) and p3.</summary>
    private static async Task<string> SessionAsync(World w)
    {
        string session = Fresh("s");
        await w.Clients["patient"].StartMatchingAsync(session, w.Ids["patient-third"]);
        return session;
    }
}
