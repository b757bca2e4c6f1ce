using System.Net;
using System.Numerics;
using MedChain.Crypto;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Tests;

/// <summary>
/// Bad input at every endpoint that takes some: malformed JSON, bad base64, invalid point
/// encodings (wrong length, off the curve, outside the subgroup, the identity), bad ids, oversize
/// bodies, unknown ids. Each gets a 4xx ProblemDetails saying what is wrong, and nothing is stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture stack)
{
    [Fact]
    public async Task BadInputGetsAClearProblemAndStoresNothing()
    {
        World w = await World.CreateAsync(stack);
        ChainHeadInfo headBefore = await w.Clients["hospital"].GetHeadAsync(w.Ids["hospital"]);
        int consentsBefore = (await w.Clients["patient"].GetConsentsAsync(w.Ids["patient"])).Length;
        int creditBefore = (await w.Clients["hospital"].GetHospitalAsync(w.Ids["hospital"])).Credit;
        string newDoctor = "never-" + Guid.NewGuid().ToString("N")[..8];
        string d1 = w.Ids["doctor"], p1 = w.Ids["patient"], h1 = w.Ids["hospital"];
        BroadcastRecordRequest record = w.Record("valid record");
        string trapdoor = w.Trapdoor();
        int g1 = w.Parameters.Group.G1UncompressedLength;
        using SecretKey newcomer = SecretKey.Generate(w.Parameters);
        string newcomerKey = Convert.ToBase64String(newcomer.PublicKey.Encode());
        string proof = Convert.ToBase64String(EnrollmentStatement.Sign(newcomer, "doctor", newDoctor, h1));
        string h2 = w.Ids["hospital-other"];
        string d1AtH2 = Convert.ToBase64String(EnrollmentStatement.Sign(w.Keys["doctor"], "doctor", d1, h2));
        string p1WithNewKey = Convert.ToBase64String(EnrollmentStatement.Sign(newcomer, "patient", p1, h1));
        string session = "s-" + Guid.NewGuid().ToString("N")[..12];
        await w.Clients["patient"].StartMatchingAsync(session, w.Ids["patient-other"]);

        (string Name, string Caller, HttpMethod Method, string Path, object Body, HttpStatusCode Status, string Says)[] cases =
        [
            ("malformed JSON", "sm-admin", HttpMethod.Post, "hospitals", "{\"hospitalId\": ", HttpStatusCode.BadRequest, "JSON"),
            ("wrong JSON type", "doctor", HttpMethod.Post, $"doctors/{d1}/records", "{\"patientId\": 5}", HttpStatusCode.BadRequest, "JSON"),
            ("not JSON at all", "patient", HttpMethod.Post, $"patients/{p1}/consents", "consent please", HttpStatusCode.BadRequest, "JSON"),
            ("share body of the wrong shape", "doctor-other", HttpMethod.Post, "sharing", "{\"patientId\": \"p\", \"consentId\": \"c\", \"trapdoors\": [\"x\"]}", HttpStatusCode.BadRequest, "trapdoors"),
            ("bad query parameter", "sm-admin", HttpMethod.Get, $"system/access-log?patientId={p1}&from=soon", "", HttpStatusCode.BadRequest, "'from'"),
            ("access log without a patient", "sm-admin", HttpMethod.Get, "system/access-log", "", HttpStatusCode.BadRequest, "patientId"),
            ("missing field", "hospital", HttpMethod.Post, "doctors", new { doctorId = newDoctor }, HttpStatusCode.BadRequest, "publicKey"),
            ("bad id", "hospital", HttpMethod.Post, "doctors", new RegisterDoctorRequest("a b/c", Key(w, w.Keys["doctor"].PublicKey.Encode()), proof), HttpStatusCode.BadRequest, "doctorId"),
            ("bad role", "anonymous", HttpMethod.Post, "auth/challenge", new ChallengeRequest("root", "x"), HttpStatusCode.BadRequest, "role"),
            ("bad base64 key", "hospital", HttpMethod.Post, "doctors", new RegisterDoctorRequest(newDoctor, "***", proof), HttpStatusCode.BadRequest, "base64"),
            ("bad base64 record", "doctor", HttpMethod.Post, $"doctors/{d1}/records", record with { SealedRecord = "%%%" }, HttpStatusCode.BadRequest, "sealedRecord"),
            ("bad base64 trapdoor", "doctor-other", HttpMethod.Post, "sharing", new ShareRequest(p1, "c1", new() { [w.H1.Pid] = "!!" }), HttpStatusCode.BadRequest, "base64"),
            ("bad base64 payload", "patient", HttpMethod.Post, $"matching/sessions/{session}/messages", new MatchingPost(1, "@@"), HttpStatusCode.BadRequest, "payload"),
            ("unknown session", "patient", HttpMethod.Get, "matching/sessions/none/messages", "", HttpStatusCode.NotFound, "does not exist"),
            ("enrollment without proof", "hospital", HttpMethod.Post, "doctors", new { doctorId = newDoctor, publicKey = newcomerKey }, HttpStatusCode.BadRequest, "proof"),
            ("enrollment proof for another hospital", "hospital-other", HttpMethod.Post, "doctors", new RegisterDoctorRequest(newDoctor, newcomerKey, proof), HttpStatusCode.UnprocessableEntity, "proof"),
            ("enrollment proof of another key", "hospital", HttpMethod.Post, "patients", new RegisterPatientRequest(newDoctor, Key(w, w.Keys["patient"].PublicKey.Encode()), proof), HttpStatusCode.UnprocessableEntity, "proof"),
            ("doctor registered at another hospital", "hospital-other", HttpMethod.Post, "doctors", new RegisterDoctorRequest(d1, Key(w, w.Keys["doctor"].PublicKey.Encode()), d1AtH2), HttpStatusCode.Conflict, "registered"),
            ("patient's id with another key (squatting)", "hospital", HttpMethod.Post, "patients", new RegisterPatientRequest(p1, newcomerKey, p1WithNewKey), HttpStatusCode.UnprocessableEntity, "patientId"),
            ("id not derived from the key", "hospital", HttpMethod.Post, "doctors", new RegisterDoctorRequest(newDoctor, newcomerKey, proof), HttpStatusCode.UnprocessableEntity, "doctorId"),
            ("key of wrong length", "hospital", HttpMethod.Post, "doctors", new RegisterDoctorRequest(newDoctor, Convert.ToBase64String(new byte[10]), proof), HttpStatusCode.UnprocessableEntity, "wrong length"),
            ("key off the curve", "hospital", HttpMethod.Post, "patients", new RegisterPatientRequest(newDoctor, OffCurve(g1), proof), HttpStatusCode.UnprocessableEntity, "not on the curve"),
            ("key outside the subgroup", "hospital", HttpMethod.Post, "doctors", new RegisterDoctorRequest(newDoctor, OutsideSubgroup(w), proof), HttpStatusCode.UnprocessableEntity, "subgroup"),
            ("identity key", "sm-admin", HttpMethod.Post, "hospitals", new AdmitHospitalRequest(newDoctor, Convert.ToBase64String(new byte[g1 / 2 + 1])), HttpStatusCode.UnprocessableEntity, "identity"),
            ("trapdoor of wrong length", "patient", HttpMethod.Post, $"patients/{p1}/search", new SearchRequest(w.H1.Pid, Convert.ToBase64String(new byte[7])), HttpStatusCode.UnprocessableEntity, "trapdoor"),
            ("trapdoor off the curve", "patient", HttpMethod.Post, $"patients/{p1}/search", new SearchRequest(w.H1.Pid, OffCurve(g1, twice: true)), HttpStatusCode.UnprocessableEntity, "curve"),
            ("consent with a forged signature", "patient", HttpMethod.Post, $"patients/{p1}/consents", Forged(w), HttpStatusCode.UnprocessableEntity, "does not verify"),
            ("consent with a malformed scope", "patient", HttpMethod.Post, $"patients/{p1}/consents", Forged(w) with { Scope = Convert.ToBase64String(new byte[7]) }, HttpStatusCode.UnprocessableEntity, "scope"),
            ("record with a broken ciphertext", "doctor", HttpMethod.Post, $"doctors/{d1}/records", record with { SealedRecord = Convert.ToBase64String(new byte[40]) }, HttpStatusCode.UnprocessableEntity, "refused"),
            ("record over the service's limit", "doctor", HttpMethod.Post, $"doctors/{d1}/records", record with { SealedRecord = Convert.ToBase64String(new byte[10 * 1024 * 1024 + 65 * 1024]) }, HttpStatusCode.RequestEntityTooLarge, "sealedRecord"),
            ("oversize body", "doctor", HttpMethod.Post, $"doctors/{d1}/records", record with { SealedRecord = new string('A', 17 * 1024 * 1024) }, HttpStatusCode.RequestEntityTooLarge, ""),
            ("oversize login", "anonymous", HttpMethod.Post, "auth/challenge", new ChallengeRequest("doctor", new string('x', 300 * 1024)), HttpStatusCode.RequestEntityTooLarge, ""),
            ("login with a bad base64 signature", "anonymous", HttpMethod.Post, "auth/login", new LoginRequest("sm-admin", "admin", "nonce", "%%"), HttpStatusCode.BadRequest, "signature"),
            ("login without a nonce", "anonymous", HttpMethod.Post, "auth/login", new { role = "sm-admin", subject = "admin", signature = "AAAA" }, HttpStatusCode.BadRequest, "nonce"),
            ("credit of an unknown hospital", "anonymous", HttpMethod.Get, "hospitals/none/credit", "", HttpStatusCode.NotFound, "not registered"),
            ("chain of an unknown hospital", "doctor", HttpMethod.Get, "hospitals/none/blocks", "", HttpStatusCode.NotFound, "not registered"),
            ("audit of an unknown hospital", "sm-admin", HttpMethod.Get, "hospitals/none/audit", "", HttpStatusCode.NotFound, "not registered"),
            ("report without a reason", "doctor", HttpMethod.Post, $"doctors/{d1}/reports", new ReportRequest(h1, ""), HttpStatusCode.BadRequest, "reason"),
            ("report of an unknown hospital", "doctor", HttpMethod.Post, $"doctors/{d1}/reports", new ReportRequest("none", "x"), HttpStatusCode.NotFound, "not registered"),
            ("report of another doctor's hospital", "doctor", HttpMethod.Post, $"doctors/{d1}/reports", new ReportRequest(h2, "x"), HttpStatusCode.Forbidden, "good standing"),
            ("reports in an unknown status", "sm-admin", HttpMethod.Get, "system/reports?status=lost", "", HttpStatusCode.BadRequest, "status"),
            ("share without trapdoors", "doctor-other", HttpMethod.Post, "sharing", new ShareRequest(p1, "c1", []), HttpStatusCode.BadRequest, "trapdoors"),
            ("share with a trapdoor off the curve", "doctor-other", HttpMethod.Post, "sharing", new ShareRequest(p1, "c1", new() { [w.H1.Pid] = OffCurve(g1, twice: true) }), HttpStatusCode.UnprocessableEntity, "curve"),
            ("matching step out of range", "patient", HttpMethod.Post, $"matching/sessions/{session}/messages", new MatchingPost(99, "AAAA"), HttpStatusCode.BadRequest, "step"),
            ("finishing an unknown session", "patient", HttpMethod.Post, "matching/sessions/none/finish", "", HttpStatusCode.NotFound, "does not exist"),
            ("unknown hospital", "anonymous", HttpMethod.Get, "hospitals/no-such-hospital", "", HttpStatusCode.NotFound, "not registered"),
            ("unknown doctor", "anonymous", HttpMethod.Get, $"doctors/{newDoctor}", "", HttpStatusCode.NotFound, "not registered"),
            ("unknown patient in a record", "doctor", HttpMethod.Post, $"doctors/{d1}/records", record with { PatientId = "nobody" }, HttpStatusCode.NotFound, "not registered"),
            ("unknown block", "hospital", HttpMethod.Get, $"hospitals/{h1}/blocks/999", "", HttpStatusCode.NotFound, "no block"),
            ("unknown block header", "doctor", HttpMethod.Get, $"hospitals/{h1}/blocks/999/header", "", HttpStatusCode.NotFound, "no block"),
            ("unknown record", "doctor", HttpMethod.Get, $"hospitals/{h1}/records/{new string('0', 64)}/receipt", "", HttpStatusCode.NotFound, "not in a sealed block"),
            ("malformed record id", "doctor", HttpMethod.Get, $"hospitals/{h1}/records/xyz/receipt", "", HttpStatusCode.BadRequest, "64 hex"),
            ("unknown consent", "patient", HttpMethod.Delete, $"patients/{p1}/consents/none", "", HttpStatusCode.NotFound, "does not exist"),
            ("unknown hospital pseudonym", "patient", HttpMethod.Post, $"patients/{p1}/search", new SearchRequest(Convert.ToBase64String(new byte[16]), trapdoor), HttpStatusCode.NotFound, "pseudonym"),
            ("matching with himself", "patient", HttpMethod.Post, "matching/sessions", new StartMatchingRequest("s-self", p1), HttpStatusCode.BadRequest, "himself"),
        ];

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var wrong = new List<string>();
        foreach ((string name, string caller, HttpMethod method, string path, object body, HttpStatusCode status, string says) in cases)
        {
            using HttpRequestMessage request = w.Request(caller, method, path, body is "" ? null : body);
            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != status || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !text.Contains(says, StringComparison.OrdinalIgnoreCase)
                || InternalNames.Any(n => text.Contains(n, StringComparison.Ordinal)))
            {
                wrong.Add($"{name}: expected {(int)status} saying '{says}', got {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {text}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        ChainHeadInfo headAfter = await w.Clients["hospital"].GetHeadAsync(h1);
        Assert.Equal((headBefore.Height, headBefore.Pending), (headAfter.Height, headAfter.Pending));
        Assert.Equal(consentsBefore, (await w.Clients["patient"].GetConsentsAsync(p1)).Length);
        Assert.Equal(creditBefore, (await w.Clients["hospital"].GetHospitalAsync(h1)).Credit);
        Assert.Empty(await w.Clients["patient"].ReadMatchingAsync(session));
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(w.Request("anonymous", HttpMethod.Get, $"doctors/{newDoctor}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(w.Request("anonymous", HttpMethod.Get, $"hospitals/{newDoctor}"))).StatusCode);
        DoctorInfo d1Now = await w.Clients["doctor"].GetDoctorAsync(d1);
        Assert.Equal((h1, Convert.ToBase64String(w.Keys["doctor"].PublicKey.Encode())), (d1Now.HospitalId, d1Now.PublicKey));
    }

    /// <summary>What an answer must never carry: .NET type or namespace names, exception names.</summary>
    private static readonly string[] InternalNames = ["System.", "Microsoft.", "MedChain.", "Orleans.", "Exception", "   at "];

    private static string Key(World w, byte[] key) => Convert.ToBase64String(key);

    /// <summary>An uncompressed encoding of (1, 1), which is not on y^2 = x^3 + x (optionally two of them, as a trapdoor).</summary>
    private static string OffCurve(int length, bool twice = false)
    {
        byte[] point = new byte[length];
        point[0] = 0x04;
        point[length / 2] = 1;
        point[^1] = 1;
        return Convert.ToBase64String(twice ? [.. point, .. point] : point);
    }

    /// <summary>A point on the curve but (with overwhelming probability) not of order r: the first x whose x^3 + x is a square.</summary>
    private static string OutsideSubgroup(World w)
    {
        PairingParameters p = w.Parameters.Group.Parameters;
        int n = (w.Parameters.Group.G1UncompressedLength - 1) / 2;
        for (BigInteger x = 2; ; x++)
        {
            BigInteger rhs = (x * x * x + x) % p.Q;
            BigInteger y = BigInteger.ModPow(rhs, (p.Q + 1) / 4, p.Q);
            if (y * y % p.Q == rhs)
            {
                byte[] point = new byte[1 + 2 * n];
                point[0] = 0x04;
                x.TryWriteBytes(point.AsSpan(1 + n - x.GetByteCount(true), x.GetByteCount(true)), out _, true, true);
                y.TryWriteBytes(point.AsSpan(1 + 2 * n - y.GetByteCount(true), y.GetByteCount(true)), out _, true, true);
                return Convert.ToBase64String(point);
            }
        }
    }

    private static GrantConsentRequest Forged(World w)
    {
        GrantConsentRequest consent = w.ConsentFor("doctor-other", "forged-" + Guid.NewGuid().ToString("N")[..8]).Consent;
        return consent with { ExpiresAtMs = consent.ExpiresAtMs + 1 };
    }
}
