using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Hospitals: admission by the sm-admin, public identity and credit, the chain's blocks, audit and receipts.</summary>
public static class HospitalEndpoints
{
    /// <summary>Maps /hospitals.</summary>
    public static IEndpointRouteBuilder MapHospitalEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/hospitals").WithTags("Hospitals");
        group.MapPost("/", AdmitAsync).RequireAuthorization(Roles.SmAdmin).WithName("AdmitHospital")
            .ProducesProblems(400, 409, 422)
            .WithSummary("Admits a hospital: creates its key pair in the cluster, joins it to the SM (PID_i) and records its operator's login key.");
        group.MapGet("/{hospitalId}", GetAsync).AllowAnonymous().WithName("GetHospital")
            .ProducesProblems(400, 404)
            .WithSummary("The hospital's public key, PID_i and credit.");
        group.MapGet("/{hospitalId}/credit", GetCreditAsync).AllowAnonymous().WithName("GetHospitalCredit")
            .ProducesProblems(400, 404)
            .WithSummary("The hospital's credit score.");
        group.MapGet("/{hospitalId}/blocks", GetHeadAsync).RequireAuthorization().WithName("GetChainHead")
            .ProducesProblems(400, 404)
            .WithSummary("The chain's head.");
        group.MapGet("/{hospitalId}/blocks/{height:long}", GetBlockAsync).RequireAuthorization(p => p.RequireRole(Roles.Hospital, Roles.SmAdmin)).WithName("GetBlock")
            .ProducesProblems(400, 404)
            .WithSummary("A sealed block with its records (the hospital itself or an sm-admin: the records would link a patient's visits).");
        group.MapGet("/{hospitalId}/blocks/{height:long}/header", GetBlockHeaderAsync).RequireAuthorization().WithName("GetBlockHeader")
            .ProducesProblems(400, 404)
            .WithSummary("A sealed block's signed header, without its records (any participant: auditors and witnesses).");
        group.MapPost("/{hospitalId}/seal", SealAsync).RequireAuthorization(Roles.Hospital).WithName("SealPendingRecords")
            .ProducesProblems(400, 404)
            .WithSummary("Seals the pending records now (the hospital itself).");
        group.MapPost("/{hospitalId}/reinstate", ReinstateAsync).RequireAuthorization(Roles.SmAdmin).WithName("ReinstateHospital")
            .ProducesProblems(400, 404)
            .WithSummary("Lifts a hospital's suspension (sm-admin): its credit is restored to the initial score.");
        group.MapGet("/{hospitalId}/audit", AuditAsync).RequireAuthorization(p => p.RequireRole(Roles.Hospital, Roles.SmAdmin)).WithName("AuditChain")
            .RequireRateLimiting(RequestLimits.FullAudit)
            .ProducesProblems(400, 404)
            .WithSummary("Validates the chain and compares it with every replica (the hospital itself or an sm-admin): the blocks sealed since the last consistent audit, or every block with full=true.");
        group.MapGet("/{hospitalId}/records/{recordId}/receipt", GetReceiptAsync).RequireAuthorization().WithName("GetRecordReceipt")
            .ProducesProblems(400, 404)
            .WithSummary("A Merkle inclusion receipt for a sealed record (its hospital, an sm-admin, the doctor who broadcast it, the patient it is about; 404 for anyone else).");
        return app;
    }

    private static async Task<Results<Created<HospitalInfo>, ProblemHttpResult>> AdmitAsync(AdmitHospitalRequest request, IClusterClient cluster, SystemParametersClient system)
    {
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        string id = fields.Id(request.HospitalId, "hospitalId");
        PublicKey? operatorKey = fields.Key(p, request.OperatorKey, "operatorKey");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        byte[] key = operatorKey!.Encode();
        IOperatorKeyGrain login = cluster.GetGrain<IOperatorKeyGrain>(id);
        if (await login.GetAsync() is { } existing && !existing.AsSpan().SequenceEqual(key))
        {
            return Problems.Conflict($"Hospital '{id}' is already admitted with another operator key.");
        }
        await cluster.GetGrain<IHospitalGrain>(id).JoinAsync();
        if (!await login.SetAsync(key))
        {
            return Problems.Conflict($"Hospital '{id}' is already admitted with another operator key.");
        }
        return await Participants.HospitalAsync(cluster, id) is { } registration
            ? TypedResults.Created($"/hospitals/{id}", Info(registration))
            : Participants.HospitalNotFound(id);
    }

    private static async Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> GetAsync(string hospitalId, IClusterClient cluster)
    {
        (HospitalRegistration? hospital, ProblemHttpResult? problem) = await Participants.FindHospitalAsync(cluster, hospitalId);
        return problem is null ? TypedResults.Ok(Info(hospital!)) : problem;
    }

    private static async Task<Results<Ok<HospitalCredit>, ProblemHttpResult>> GetCreditAsync(string hospitalId, IClusterClient cluster)
    {
        (HospitalRegistration? hospital, ProblemHttpResult? problem) = await Participants.FindHospitalAsync(cluster, hospitalId);
        return problem is null ? TypedResults.Ok(new HospitalCredit(hospital!.HospitalId, hospital.Credit)) : problem;
    }

    private static async Task<Results<Ok<ChainHeadInfo>, ProblemHttpResult>> GetHeadAsync(string hospitalId, IClusterClient cluster)
    {
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return problem;
        }
        ChainHead head = await cluster.GetGrain<IHospitalGrain>(hospitalId).GetHeadAsync();
        return TypedResults.Ok(new ChainHeadInfo(head.Height, head.HeaderHash, head.Pending));
    }

    private static async Task<Results<Ok<BlockInfo>, StatusCodeHttpResult, ProblemHttpResult>> GetBlockAsync(string hospitalId, long height, HttpContext http,
        IClusterClient cluster, SealedBlocks blocks)
    {
        if (!http.User.Is(Roles.SmAdmin) && http.User.NotSelf(Roles.Hospital, hospitalId) is not null)
        {
            return Problems.Forbidden($"The records of '{hospitalId}' are readable by that hospital and the SM only; every participant may read the headers (.../blocks/{height}/header).");
        }
        (Block? block, ProblemHttpResult? problem) = await SealedBlockAsync(cluster, blocks, hospitalId, height);
        if (problem is not null)
        {
            return problem;
        }
        if (SealedBlocks.NotModified(http, block!))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(new BlockInfo(
            block!.Header.Height,
            Convert.ToHexString(block.Header.Hash()),
            Convert.ToHexString(block.Header.PreviousHash),
            Convert.ToHexString(block.Header.MerkleRoot),
            block.Header.TimestampMs,
            [.. block.Records.Select(r => new BlockRecord(r.RecordId(), Convert.ToBase64String(r.Header), Convert.ToBase64String(r.BodyHash),
                Convert.ToBase64String(r.PatientPid), Convert.ToBase64String(r.Envelope), Convert.ToBase64String(r.DoctorKey), Convert.ToBase64String(r.Signature)))],
            Convert.ToBase64String(block.Encode())));
    }

    private static async Task<Results<Ok<BlockHeaderInfo>, StatusCodeHttpResult, ProblemHttpResult>> GetBlockHeaderAsync(string hospitalId, long height, HttpContext http,
        IClusterClient cluster, SealedBlocks blocks)
    {
        (Block? block, ProblemHttpResult? problem) = await SealedBlockAsync(cluster, blocks, hospitalId, height);
        if (problem is not null)
        {
            return problem;
        }
        if (SealedBlocks.NotModified(http, block!))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        BlockHeader h = block!.Header;
        return TypedResults.Ok(new BlockHeaderInfo(h.Height, Convert.ToHexString(h.Hash()), Convert.ToHexString(h.PreviousHash), Convert.ToHexString(h.MerkleRoot),
            h.RecordCount, h.TimestampMs, Convert.ToBase64String(h.Encode()), Convert.ToBase64String(block.Signature)));
    }

    private static async Task<Results<Ok<ChainHeadInfo>, ProblemHttpResult>> SealAsync(string hospitalId, HttpContext http, IClusterClient cluster)
    {
        if (http.User.NotSelf(Roles.Hospital, hospitalId) is { } forbidden)
        {
            return forbidden;
        }
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return problem;
        }
        ChainHead head = await cluster.GetGrain<IHospitalGrain>(hospitalId).SealPendingAsync();
        return TypedResults.Ok(new ChainHeadInfo(head.Height, head.HeaderHash, head.Pending));
    }

    private static async Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> ReinstateAsync(string hospitalId, IClusterClient cluster)
    {
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(Info(await cluster.GetSystemManager().ReinstateHospitalAsync(hospitalId)));
    }

    private static async Task<Results<Ok<AuditInfo>, ProblemHttpResult>> AuditAsync(string hospitalId, HttpContext http, IClusterClient cluster, bool? full)
    {
        if (!http.User.Is(Roles.SmAdmin) && http.User.NotSelf(Roles.Hospital, hospitalId) is { } forbidden)
        {
            return forbidden;
        }
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return problem;
        }
        AuditReport r = await cluster.GetGrain<IHospitalGrain>(hospitalId).AuditAsync(full ?? false);
        WitnessedCheckpoint? witnessed = await cluster.GetCheckpoints().GetWitnessedChainAsync(hospitalId);
        return TypedResults.Ok(new AuditInfo(r.Consistent, r.Height, r.FirstBadHeight, r.Reason, r.ReplicaHeights, CheckpointEndpoints.Info(witnessed), r.ValidatedFrom));
    }

    private static async Task<Results<Ok<RecordReceipt>, StatusCodeHttpResult, ProblemHttpResult>> GetReceiptAsync(string hospitalId, string recordId, HttpContext http,
        IClusterClient cluster, SealedBlocks blocks)
    {
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return problem;
        }
        if (recordId.Length != 64 || !recordId.All(char.IsAsciiHexDigit))
        {
            return Problems.BadRequest("'recordId' must be 64 hex digits (the ledger record id: the record's leaf hash).");
        }
        IHospitalGrain hospital = cluster.GetGrain<IHospitalGrain>(hospitalId);
        // Anyone but the record's hospital, the SM and its own parties gets the answer for an unknown record: ids cannot be probed.
        if (!await MayReadReceiptAsync(http.User, hospitalId, recordId, hospital) || await hospital.LocateAsync(recordId) is not { } place)
        {
            return Problems.NotFound($"Record {recordId} is not in a sealed block of '{hospitalId}' that you may read (unknown, still pending, or not yours).");
        }
        if (await blocks.ReadAsync(hospitalId, place.Height) is not { } block)
        {
            return NoBlock(hospitalId, place.Height);
        }
        if (SealedBlocks.NotModified(http, block))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        List<byte[]> leaves = [.. block.Records.Select(r => r.LeafHash())];
        return TypedResults.Ok(new RecordReceipt(
            hospitalId,
            block.Header.Height,
            place.Index,
            leaves.Count,
            Convert.ToHexString(leaves[place.Index]),
            [.. MerkleTree.InclusionProof(leaves, place.Index).Select(Convert.ToHexString)],
            Convert.ToBase64String(block.Header.Encode()),
            Convert.ToBase64String(block.Signature)));
    }

    /// <summary>The record's hospital and an sm-admin may read every receipt; the doctor who broadcast it and the patient it is about, that record's.</summary>
    private static async Task<bool> MayReadReceiptAsync(System.Security.Claims.ClaimsPrincipal user, string hospitalId, string recordId, IHospitalGrain hospital) =>
        user.Is(Roles.SmAdmin) || (user.Is(Roles.Hospital) && user.Subject() == hospitalId)
        || (user.Is(Roles.Doctor) && await hospital.IsPartyAsync(recordId, RecordParty.Doctor, user.Subject()))
        || (user.Is(Roles.Patient) && await hospital.IsPartyAsync(recordId, RecordParty.Patient, user.Subject()));

    /// <summary>
    /// A sealed block of a registered hospital: from this instance's memory with no cluster call (its
    /// hospital was looked up when it was first read), else after the hospital's lookup (400, 404) and
    /// a read (404 when there is no block at that height).
    /// </summary>
    private static async Task<(Block? Block, ProblemHttpResult? Problem)> SealedBlockAsync(IClusterClient cluster, SealedBlocks blocks, string hospitalId, long height)
    {
        if (blocks.Cached(hospitalId, height) is { } cached)
        {
            return (cached, null);
        }
        if ((await Participants.FindHospitalAsync(cluster, hospitalId)).Problem is { } problem)
        {
            return (null, problem);
        }
        return await blocks.ReadAsync(hospitalId, height) is { } block ? (block, null) : (null, NoBlock(hospitalId, height));
    }

    private static ProblemHttpResult NoBlock(string hospitalId, long height) => Problems.NotFound($"Hospital '{hospitalId}' has no block at height {height}.");

    /// <summary>A hospital as the API shows it.</summary>
    internal static HospitalInfo Info(HospitalRegistration h) =>
        new(h.HospitalId, Convert.ToBase64String(h.PublicKey), Convert.ToBase64String(h.Pid), h.Credit);
}
