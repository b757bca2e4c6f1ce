using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using MedChain.Contracts;
using Microsoft.AspNetCore.Builder;

namespace MedChain.Api.Tests;

/// <summary>
/// A property-based fuzzer driven by the API's own OpenAPI document: every operation, called by
/// every kind of caller (anonymous, a forged, an expired and a wrong-role token, each participant
/// of the world), with path tricks, junk and huge query values, bodies shaped by the schema but
/// with wrong types, missing and extra fields, huge values, bad base64 and bad curve points, and
/// bodies that are not JSON or not declared as such. Every answer is below 500 and names no .NET
/// type or internal message, and the world's state is what it was. The suite runs a smoke of
/// <see cref="SmokeIterations"/>; <c>MEDCHAIN_FUZZ_ITERATIONS</c> sets a longer run (10 000 and more).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiFuzzTests(ApiFixture stack, Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SmokeIterations = 1000;

    // Operations whose authorized call needs no body and changes what the snapshot compares (the first run
    // found the sm-admin's revocation of the world's patient): sealing, a reinstatement, the revocations.
    private static readonly string[] Excluded =
    [
        "POST /hospitals/{hospitalId}/seal", "POST /hospitals/{hospitalId}/reinstate",
        "POST /doctors/{doctorId}/revocation", "POST /patients/{patientId}/revocation",
    ];

    private static readonly string[] Leaks = ["System.", "Microsoft.", "MedChain.", "Orleans.", "Azure.", "Exception", "   at "];

    [Fact]
    public async Task NoInputGetsA5xxOrAnInternalNameOrChangesState()
    {
        World w = await stack.SharedWorldAsync();
        (WebApplication app, string baseAddress) = await stack.StartApiAsync(stack.Silo.GatewayPort,
            ("Api:RateLimitPerMinute", "1000000"), ("Api:LoginsPerMinute", "1000000"), ("Api:SearchesPerMinute", "1000000"),
            ("Api:SharesPerMinute", "1000000"), ("Api:BroadcastsPerMinute", "1000000"), ("Api:FullAuditsPerMinute", "1000000"));
        await using WebApplication _ = app;
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
        List<Operation> operations = Operations(JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!);
        Assert.True(operations.Count > 30, $"only {operations.Count} operations in the document");
        string before = await SnapshotAsync(w);

        long iterations = long.TryParse(Environment.GetEnvironmentVariable("MEDCHAIN_FUZZ_ITERATIONS"), out long n) ? n : SmokeIterations;
        Gen<Request> requests = Gen.Select(Gen.Int[0, operations.Count - 1], Gen.Int[0, Callers.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, 9],
            (op, caller, seed, shape) => new Request(operations[op], Callers[caller], seed, shape));
        long count = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        await requests.SampleAsync(async r =>
        {
            using HttpRequestMessage message = r.Build(w, stack);
            using HttpResponseMessage answer = await http.SendAsync(message);
            string body = await answer.Content.ReadAsStringAsync();
            Interlocked.Increment(ref count);
            statuses.AddOrUpdate((int)answer.StatusCode, 1, (_, c) => c + 1);
            Assert.True((int)answer.StatusCode < 500, $"{r}: {(int)answer.StatusCode} {body}");
            foreach (string leak in Leaks)
            {
                Assert.False(body.Contains(leak, StringComparison.Ordinal), $"{r}: the answer names '{leak}': {body}");
            }
        }, iter: iterations, threads: 2, seed: Environment.GetEnvironmentVariable("MEDCHAIN_FUZZ_SEED"));
        Assert.Equal(iterations, count);
        output.WriteLine($"{count} requests over {operations.Count} operations: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        // The inputs reach past authentication into validation (400: malformed, 422: invalid) and the grains (404).
        Assert.True(statuses.ContainsKey(400) && statuses.ContainsKey(422) && statuses.ContainsKey(404), string.Join(", ", statuses.Keys));
        Assert.Equal(before, await SnapshotAsync(w));
        await app.StopAsync();
    }

    private static readonly string[] Callers = ["anonymous", "forged", "expired", "sm-admin", "hospital", "hospital-other", "doctor", "doctor-other", "patient", "patient-other"];

    /// <summary>What the fuzzer must leave as it was: chains, credits, consents, reports, witnesses.</summary>
    private static async Task<string> SnapshotAsync(World w)
    {
        var s = new StringBuilder();
        foreach (string h in new[] { "hospital", "hospital-other" })
        {
            ChainHeadInfo head = await w.Clients["sm-admin"].GetHeadAsync(w.Ids[h]);
            HospitalInfo info = await w.Clients["sm-admin"].GetHospitalAsync(w.Ids[h]);
            s.Append(System.Globalization.CultureInfo.InvariantCulture, $"{h}: {head.Height} {head.HeaderHash} {info.Credit}; ");
        }
        foreach (string d in new[] { "doctor", "doctor-other" })
        {
            DoctorInfo info = await w.Clients["sm-admin"].GetDoctorAsync(w.Ids[d]);
            s.Append(System.Globalization.CultureInfo.InvariantCulture, $"{d}: {info.PublicKey} {info.Credit} {info.Expelled} {info.Revoked}; ");
        }
        s.Append(System.Globalization.CultureInfo.InvariantCulture, $"consents {(await w.Clients["patient"].GetConsentsAsync(w.Ids["patient"])).Length}; ");
        s.Append(System.Globalization.CultureInfo.InvariantCulture, $"witnesses {(await w.Clients["sm-admin"].GetWitnessesAsync()).Length}; ");
        s.Append(System.Globalization.CultureInfo.InvariantCulture, $"reports {(await w.Clients["sm-admin"].GetReportsAsync()).Length}");
        return s.ToString();
    }

    /// <summary>One operation of the document: method, path template, its parameters and the properties of its JSON body.</summary>
    private sealed record Operation(string Method, string Path, string[] PathParameters, string[] QueryParameters, (string Name, string Type)[] Body, bool HasBody);

    private static List<Operation> Operations(JsonNode document)
    {
        var operations = new List<Operation>();
        JsonObject schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject())
        {
            foreach ((string method, JsonNode? op) in item!.AsObject())
            {
                string name = $"{method.ToUpperInvariant()} {path}";
                if (Excluded.Contains(name))
                {
                    continue;
                }
                JsonArray parameters = op?["parameters"]?.AsArray() ?? [];
                string[] In(string where) => [.. parameters.Where(p => (string?)p?["in"] == where).Select(p => (string)p!["name"]!)];
                JsonNode? schema = op?["requestBody"]?["content"]?["application/json"]?["schema"];
                if (schema?["$ref"] is { } reference)
                {
                    schema = schemas[((string)reference!).Split('/')[^1]];
                }
                (string, string)[] body = schema?["properties"]?.AsObject().Select(p => (p.Key, Type(p.Value, schemas))).ToArray() ?? [];
                operations.Add(new Operation(method.ToUpperInvariant(), path, In("path"), In("query"), body, op?["requestBody"] is not null));
            }
        }
        return operations;
    }

    private static string Type(JsonNode? property, JsonObject schemas)
    {
        if (property?["$ref"] is { } reference)
        {
            property = schemas[((string)reference!).Split('/')[^1]];
        }
        JsonNode? type = property?["type"];
        return type is JsonArray types ? types.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "string" : (string?)type ?? "object";
    }

    /// <summary>One generated request: an operation, a caller, a seed for its values and a shape of its body.</summary>
    private sealed record Request(Operation Operation, string Caller, int Seed, int Shape)
    {
        public override string ToString() => $"{Operation.Method} {Operation.Path} as {Caller} (seed {Seed}, shape {Shape})";

        public HttpRequestMessage Build(World w, ApiFixture stack)
        {
            var random = new Random(Seed);
            string path = Operation.Path;
            foreach (string p in Operation.PathParameters)
            {
                path = path.Replace("{" + p + "}", Uri.EscapeDataString(PathValue(w, p, random)), StringComparison.Ordinal);
            }
            string query = string.Join("&", Operation.QueryParameters.Where(_ => random.Next(3) > 0)
                .Select(q => $"{q}={Uri.EscapeDataString(Junk(random))}"));
            var message = new HttpRequestMessage(new HttpMethod(Operation.Method), path.TrimStart('/') + (query.Length > 0 ? "?" + query : ""));
            string? token = Caller switch
            {
                "anonymous" => null,
                "forged" => TestTokens.Create(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "medchain-api", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)),
                "expired" => TestTokens.Create(stack.JwtKey, "medchain-api", DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1)),
                _ => w.Tokens[Caller],
            };
            if (token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            if (Operation.HasBody || Shape == 9)
            {
                message.Content = Body(random);
            }
            return message;
        }

        private HttpContent Body(Random random) => Shape switch
        {
            0 => new StringContent("not json {", Encoding.UTF8, "application/json"),
            1 => new StringContent(JsonSerializer.Serialize(Shaped(random)), Encoding.UTF8, "text/plain"),
            2 => new StringContent(new string('[', 5000), Encoding.UTF8, "application/json"),
            3 => new StringContent("null", Encoding.UTF8, "application/json"),
            _ => new StringContent(Shaped(random).ToJsonString(), Encoding.UTF8, "application/json"),
        };

        /// <summary>An object shaped by the schema: each property kept, dropped, of the wrong type or of a junk value; sometimes an extra one.</summary>
        private JsonObject Shaped(Random random)
        {
            var o = new JsonObject();
            foreach ((string name, string type) in Operation.Body)
            {
                switch (random.Next(6))
                {
                    case 0: break; // missing
                    case 1: o[name] = WrongType(type, random); break;
                    default: o[name] = Value(type, random); break;
                }
            }
            if (random.Next(4) == 0)
            {
                o["unexpected" + random.Next(100)] = Junk(random);
            }
            return o;
        }

        private static JsonNode? WrongType(string type, Random random) => type switch
        {
            "string" => random.Next(2) == 0 ? JsonValue.Create(random.Next()) : new JsonObject { ["a"] = 1 },
            "integer" or "number" => JsonValue.Create("not a number"),
            "array" => JsonValue.Create("not an array"),
            "boolean" => JsonValue.Create("yes"),
            _ => JsonValue.Create(42),
        };

        private static JsonNode? Value(string type, Random random) => type switch
        {
            "integer" or "number" => JsonValue.Create(random.Next(4) switch { 0 => long.MaxValue, 1 => -1L, 2 => 0L, _ => random.NextInt64() }),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "array" => random.Next(3) == 0 ? new JsonArray() : new JsonArray([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (JsonNode?)JsonValue.Create(Junk(random)))]),
            "object" => new JsonObject { ["x"] = Junk(random) },
            _ => JsonValue.Create(Junk(random)),
        };

        private static string PathValue(World w, string name, Random random) => random.Next(4) switch
        {
            // A real participant's id for its kind, so the request reaches past routing.
            0 when name.Contains("hospital", StringComparison.OrdinalIgnoreCase) => w.Ids["hospital"],
            0 when name.Contains("doctor", StringComparison.OrdinalIgnoreCase) => w.Ids["doctor"],
            0 when name.Contains("patient", StringComparison.OrdinalIgnoreCase) => w.Ids["patient"],
            0 when name.Contains("record", StringComparison.OrdinalIgnoreCase) => w.RecordId,
            _ => Junk(random),
        };

        /// <summary>Junk of every kind the API must refuse cleanly: path tricks, huge and odd numbers, bad base64, bad points.</summary>
        private static string Junk(Random random) => random.Next(14) switch
        {
            0 => "",
            1 => "../../etc/passwd",
            2 => "%2e%2e%2f",
            3 => new string('a', random.Next(100, 5000)),
            4 => "ünïcödé-\u0000-\uFFFD",
            5 => "-1",
            6 => "99999999999999999999999",
            7 => "***not base64***",
            8 => Convert.ToBase64String([0x04, .. new byte[128]]), // an uncompressed point of zeros
            9 => Convert.ToBase64String([0x02, .. Enumerable.Repeat((byte)0xFF, 64)]), // x beyond the field
            10 => Convert.ToBase64String(new byte[random.Next(0, 200)]),
            11 => Convert.ToBase64String(Enumerable.Range(0, random.Next(1, 300)).Select(_ => (byte)random.Next(256)).ToArray()),
            12 => "true",
            _ => Guid.NewGuid().ToString("N"),
        };
    }
}
