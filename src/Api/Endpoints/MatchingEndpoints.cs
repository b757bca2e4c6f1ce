using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
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
    public static void MapMatching(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/matching/sessions").WithTags("Matching").RequireAuthorization(Roles.Patient);
        group.MapPost("/", StartAsync).WithSummary("The calling patient opens a session with another patient.");
        group.MapGet("/{sessionId}", GetAsync).WithSummary("The session's two parties (for them to check whom they talk to).");
        group.MapPost("/{sessionId}/messages", PostAsync).WithSummary("Posts the caller's next protocol message.");
        group.MapGet("/{sessionId}/messages", ReadAsync).WithSummary("The other party's messages from an index on.");
        group.MapPost("/{sessionId}/finish", FinishAsync).WithSummary("The caller leaves the session; when both have, the relay forgets it.");
    }

    private static async Task<Created<MatchingSession>> StartAsync(StartMatchingRequest request, HttpContext http, IClusterClient cluster)
    {
        string sessionId = SchemeContext.Id(request.SessionId, "sessionId");
        string responder = SchemeContext.Id(request.Responder, "responder");
        string initiator = http.User.Subject();
        if (responder == initiator)
        {
            throw ApiProblemException.BadRequest("A patient cannot match with himself.");
        }
        return await cluster.GetGrain<IMatchingGrain>(sessionId).OpenAsync(initiator, responder)
            ? TypedResults.Created($"/matching/sessions/{sessionId}", new MatchingSession(sessionId, initiator, responder))
            : throw ApiProblemException.Conflict($"Session '{sessionId}' already exists with other parties.");
    }

    private static async Task<Ok<MatchingSession>> GetAsync(string sessionId, HttpContext http, IClusterClient cluster)
    {
        IMatchingGrain session = await RequirePartyAsync(cluster, sessionId, http);
        string[] parties = (await session.GetPartiesAsync())!;
        return TypedResults.Ok(new MatchingSession(sessionId, parties[0], parties[1]));
    }

    private static async Task<NoContent> PostAsync(string sessionId, MatchingPost request, HttpContext http, IClusterClient cluster)
    {
        IMatchingGrain session = await RequirePartyAsync(cluster, sessionId, http);
        byte[] payload = SchemeContext.Base64(request.Payload, "payload");
        if (payload.Length > MaxPayloadBytes || request.Step is < 0 or > 16)
        {
            throw ApiProblemException.BadRequest($"'payload' is at most {MaxPayloadBytes} bytes and 'step' 0 to 16.");
        }
        await session.PostAsync(http.User.Subject(), request.Step, payload);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MatchingEnvelope[]>> ReadAsync(string sessionId, HttpContext http, IClusterClient cluster, int from = 0)
    {
        IMatchingGrain session = await RequirePartyAsync(cluster, sessionId, http);
        MatchingMessage[] messages = await session.ReadAsync(http.User.Subject(), Math.Max(0, from));
        return TypedResults.Ok(messages.Select(m => new MatchingEnvelope(m.From, m.Step, Convert.ToBase64String(m.Payload))).ToArray());
    }

    private static async Task<NoContent> FinishAsync(string sessionId, HttpContext http, IClusterClient cluster)
    {
        IMatchingGrain session = await RequirePartyAsync(cluster, sessionId, http);
        await session.FinishAsync(http.User.Subject());
        return TypedResults.NoContent();
    }

    private static async Task<IMatchingGrain> RequirePartyAsync(IClusterClient cluster, string sessionId, HttpContext http)
    {
        IMatchingGrain session = cluster.GetGrain<IMatchingGrain>(SchemeContext.Id(sessionId, "sessionId"));
        string[] parties = await session.GetPartiesAsync() ?? throw ApiProblemException.NotFound($"Session '{sessionId}' does not exist.");
        return parties.Contains(http.User.Subject())
            ? session
            : throw ApiProblemException.Forbidden($"Only the two parties of session '{sessionId}' may use it.");
    }
}
