using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Signed checkpoints for witnesses (outside parties that check the logs only grow): every log's
/// current checkpoint, the entries between two sizes, cosignatures posted back, and the register
/// of witnesses whose cosignatures count. Reads are anonymous: a witness needs no account, and the
/// logs are named by hospital ids and patients' storage pseudonyms.
/// </summary>
public static class CheckpointEndpoints
{
    /// <summary>Maps /checkpoints.</summary>
    public static IEndpointRouteBuilder MapCheckpointEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/checkpoints").WithTags("Checkpoints");
        group.MapGet("/", GetCheckpointsAsync).AllowAnonymous().WithName("GetCheckpoints").ProducesProblems(409)
            .WithSummary("The current checkpoint of every log (each hospital's chain, each patient's access log), each a note signed by the system manager.");
        group.MapGet("/proof", GetProofAsync).AllowAnonymous().WithName("GetLogProof").ProducesProblems(400, 404)
            .WithSummary("The entries of a log between two sizes (1000 at most): block headers for a chain, entry MACs for an access log.");
        group.MapPost("/cosignatures", CosignAsync).AllowAnonymous().WithName("PostCosignature").ProducesProblems(400, 422)
            .WithSummary("A witness's cosignature: the checkpoint note with its line added; taken when the cluster signed the note and a registered witness cosigned it.");
        group.MapGet("/witnesses", GetWitnessesAsync).AllowAnonymous().WithName("ListWitnesses")
            .WithSummary("The registered witnesses and their public keys.");
        group.MapPost("/witnesses", RegisterWitnessAsync).RequireAuthorization(Roles.SmAdmin).WithName("RegisterWitness").ProducesProblems(400, 409, 422)
            .WithSummary("Registers a witness's public key under a name (the sm-admin decides whose word audits report).");
        group.MapDelete("/witnesses/{name}", RemoveWitnessAsync).RequireAuthorization(Roles.SmAdmin).WithName("RemoveWitness").ProducesProblems(404)
            .WithSummary("Removes a witness: its later cosignatures no longer count.");
        return app;
    }

    /// <summary>A witnessed checkpoint as the API shows it.</summary>
    internal static WitnessedCheckpointInfo? Info(WitnessedCheckpoint? w) =>
        w is null ? null : new WitnessedCheckpointInfo(w.Size, Convert.ToHexString(w.Root), w.Witnesses, w.AtMs, w.Note);

    private static async Task<Results<Ok<CheckpointList>, ProblemHttpResult>> GetCheckpointsAsync(IClusterClient cluster, SystemParametersClient system) =>
        await system.FindAsync() is null ? Problems.NotSetUp() : TypedResults.Ok(new CheckpointList(await cluster.GetCheckpoints().GetCheckpointsAsync()));

    private static async Task<Results<Ok<LogProof>, ProblemHttpResult>> GetProofAsync(IClusterClient cluster, string? origin, long? from, long? to)
    {
        var fields = new RequestFields();
        fields.Require(!string.IsNullOrEmpty(origin) && origin.Length <= 256, "origin", "'origin' names the log (as its checkpoint does).");
        fields.Require(from is >= 0, "from", "'from' must be a size, 0 or more.");
        fields.Require(to is not null && to >= from && to - from <= 1000, "to", "'to' must be at least 'from' and at most 1000 more.");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        return await cluster.GetCheckpoints().GetProofAsync(origin!, from!.Value, to!.Value) is { } entries
            ? TypedResults.Ok(new LogProof(origin!, from.Value, to.Value, [.. entries.Select(Convert.ToBase64String)]))
            : Problems.NotFound($"No log '{origin}' holds entries {from} to {to}.");
    }

    private static async Task<Results<Ok<WitnessedCheckpointInfo>, ProblemHttpResult>> CosignAsync(CosignRequest request, IClusterClient cluster)
    {
        var fields = new RequestFields();
        fields.Require(!string.IsNullOrEmpty(request.Note), "note", "'note' is the checkpoint note with the cosignature line.");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        CosignOutcome outcome = await cluster.GetCheckpoints().CosignAsync(request.Note);
        return outcome.Accepted ? TypedResults.Ok(Info(outcome.Newest)!) : Problems.Unprocessable($"'note' refused: {outcome.Reason}");
    }

    private static async Task<Ok<WitnessSummary[]>> GetWitnessesAsync(IClusterClient cluster) =>
        TypedResults.Ok((await cluster.GetWitnessRegistry().GetAllAsync()).Select(w => new WitnessSummary(w.Name, Convert.ToBase64String(w.PublicKey))).ToArray());

    private static async Task<Results<Created<WitnessSummary>, ProblemHttpResult>> RegisterWitnessAsync(RegisterWitnessRequest request, IClusterClient cluster, SystemParametersClient system)
    {
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        string name = fields.Id(request.Name, "name");
        fields.Key(p, request.PublicKey, "publicKey");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        WitnessInfo w = await cluster.GetWitnessRegistry().RegisterAsync(name, Convert.FromBase64String(request.PublicKey));
        return TypedResults.Created($"/checkpoints/witnesses/{w.Name}", new WitnessSummary(w.Name, Convert.ToBase64String(w.PublicKey)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveWitnessAsync(string name, IClusterClient cluster) =>
        await cluster.GetWitnessRegistry().RemoveAsync(name) ? TypedResults.NoContent() : Problems.NotFound($"No witness '{name}' is registered.");
}
