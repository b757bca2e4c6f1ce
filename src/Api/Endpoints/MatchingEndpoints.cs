using MedChain.Api.Errors;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Patients sessions (III.F): the relay between two patients. The API only checks that the caller
/// is one of the session's two patients; the messages are opaque to it and to the relay.
/// </summary>
public static class MatchingEndpoints
{
    /// <summary>Largest accepted message payload.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>Maps /matching.</summary>
    public static IEndpointRouteBuilder MapMatchingEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/matching/sessions").WithTags("Matching").RequireAuthorization(Roles.Patient);
        group.MapPost("/", StartAsync).WithName("OpenMatchingSession")
            .ProducesProblems(400, 409)
            .WithSummary("The calling patient opens a session with another patient.");
        group.MapGet("/{sessionId}", GetAsync).WithName("GetMatchingSession")
            .ProducesProblems(400, 404)
            .WithSummary("The session's two parties (for them to check whom they talk to).");
        group.MapPost("/{sessionId}/messages", PostAsync).WithName("PostMatchingMessage")
            .ProducesProblems(400, 404, 409)
            .WithSummary("Posts the caller's next protocol message.");
        group.MapGet("/{sessionId}/messages", ReadAsync).WithName("ReadMatchingMessages")
            .ProducesProblems(400, 404)
            .WithSummary("The other party's messages from an index on.");
        group.MapPost("/{sessionId}/finish", FinishAsync).WithName("FinishMatchingSession")
            .ProducesProblems(400, 404)
            .WithSummary("The caller leaves the session; when both have, the relay forgets it.");
        return app;
    }

    private static async Task<Results<Created<MatchingSession>, ProblemHttpResult>> StartAsync(StartMatchingRequest request, HttpContext http, IClusterClient cluster)
    {
        var fields = new RequestFields();
        string sessionId = fields.Id(request.SessionId, "sessionId");
        string responder = fields.Id(request.Responder, "responder");
        string initiator = http.User.Subject();
        fields.Require(responder != initiator, "responder", "A patient cannot match with himself.");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        return await cluster.GetGrain<IMatchingGrain>(sessionId).OpenAsync(initiator, responder)
            ? TypedResults.Created($"/matching/sessions/{sessionId}", new MatchingSession(sessionId, initiator, responder))
            : Problems.Conflict($"Session '{sessionId}' already exists with other parties.");
    }

    private static async Task<Results<Ok<MatchingSession>, ProblemHttpResult>> GetAsync(string sessionId, HttpContext http, IClusterClient cluster)
    {
        (string[]? parties, ProblemHttpResult? problem) = await PartiesAsync(cluster, sessionId, http);
        return problem ?? (Results<Ok<MatchingSession>, ProblemHttpResult>)TypedResults.Ok(new MatchingSession(sessionId, parties![0], parties[1]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PostAsync(string sessionId, MatchingPost request, HttpContext http, IClusterClient cluster)
    {
        if ((await PartiesAsync(cluster, sessionId, http)).Problem is { } refused)
        {
            return refused;
        }
        var fields = new RequestFields();
        byte[] payload = fields.Base64(request.Payload, "payload");
        fields.Require(payload.Length <= MaxPayloadBytes, "payload", $"'payload' is at most {MaxPayloadBytes} bytes.");
        fields.Require(request.Step is >= 0 and <= 16, "step", "'step' is 0 to 16.");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        await cluster.GetGrain<IMatchingGrain>(sessionId).PostAsync(http.User.Subject(), request.Step, payload);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MatchingEnvelope[]>, ProblemHttpResult>> ReadAsync(string sessionId, HttpContext http, IClusterClient cluster, int from = 0)
    {
        if ((await PartiesAsync(cluster, sessionId, http)).Problem is { } problem)
        {
            return problem;
        }
        MatchingMessage[] messages = await cluster.GetGrain<IMatchingGrain>(sessionId).ReadAsync(http.User.Subject(), Math.Max(0, from));
        return TypedResults.Ok(messages.Select(m => new MatchingEnvelope(m.From, m.Step, Convert.ToBase64String(m.Payload))).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> FinishAsync(string sessionId, HttpContext http, IClusterClient cluster)
    {
        if ((await PartiesAsync(cluster, sessionId, http)).Problem is { } problem)
        {
            return problem;
        }
        await cluster.GetGrain<IMatchingGrain>(sessionId).FinishAsync(http.User.Subject());
        return TypedResults.NoContent();
    }

    /// <summary>The session's parties, or the answer when the id is malformed (400), unknown (404) or the caller is not one of them (403).</summary>
    private static async Task<(string[]? Parties, ProblemHttpResult? Problem)> PartiesAsync(IClusterClient cluster, string sessionId, HttpContext http)
    {
        var fields = new RequestFields();
        fields.Id(sessionId, "sessionId");
        if (fields.Problem is { } problem)
        {
            return (null, problem);
        }
        if (await cluster.GetGrain<IMatchingGrain>(sessionId).GetPartiesAsync() is not { } parties)
        {
            return (null, Problems.NotFound($"Session '{sessionId}' does not exist."));
        }
        return parties.Contains(http.User.Subject())
            ? (parties, null)
            : (null, Problems.Forbidden($"Only the two parties of session '{sessionId}' may use it."));
    }
}
