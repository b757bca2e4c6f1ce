using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Hospitals: admission by the sm-admin, public identity and credit, the chain's blocks, audit and receipts.</summary>
public static class HospitalEndpoints
{
    /// <summary>Maps /hospitals.</summary>
    public static void MapHospitals(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/hospitals").WithTags("Hospitals");
        group.MapPost("/", AdmitAsync).RequireAuthorization(Roles.SmAdmin)
            .WithSummary("Admits a hospital: creates its key pair in the cluster, joins it to the SM (PID_i) and records its operator's login key.");
        group.MapGet("/{hospitalId}", GetAsync).AllowAnonymous().WithSummary("The hospital's public key, PID_i and credit.");
        group.MapGet("/{hospitalId}/credit", GetCreditAsync).AllowAnonymous().WithSummary("The hospital's credit score.");
        group.MapGet("/{hospitalId}/blocks", GetHeadAsync).RequireAuthorization().WithSummary("The chain's head.");
        group.MapGet("/{hospitalId}/blocks/{height:long}", GetBlockAsync).RequireAuthorization().WithSummary("A sealed block with its records.");
        group.MapPost("/{hospitalId}/seal", SealAsync).RequireAuthorization(Roles.Hospital).WithSummary("Seals the pending records now (the hospital itself).");
        group.MapGet("/{hospitalId}/audit", AuditAsync).RequireAuthorization(p => p.RequireRole(Roles.Hospital, Roles.SmAdmin))
            .WithSummary("Validates the chain and compares it with every replica (the hospital itself or an sm-admin).");
        group.MapGet("/{hospitalId}/records/{recordId}/receipt", ReceiptAsync).RequireAuthorization()
            .WithSummary("A Merkle inclusion receipt for a sealed record.");
    }

    /// <summary>The hospital's registration at the SM, or 404.</summary>
    public static async Task<HospitalRegistration> RequireHospitalAsync(IClusterClient cluster, string hospitalId) =>
        await cluster.GetSystemManager().GetHospitalAsync(SchemeContext.Id(hospitalId, "hospitalId"))
            ?? throw ApiProblemException.NotFound($"Hospital '{hospitalId}' is not registered.");

    private static async Task<Created<HospitalInfo>> AdmitAsync(AdmitHospitalRequest request, IClusterClient cluster, SchemeContext scheme)
    {
        string id = SchemeContext.Id(request.HospitalId, "hospitalId");
        SystemParameters p = await scheme.RequireAsync();
        byte[] operatorKey = SchemeContext.Key(p, request.OperatorKey, "operatorKey").Encode();
        IOperatorKeyGrain login = cluster.GetGrain<IOperatorKeyGrain>(id);
        byte[]? existing = await login.GetAsync();
        if (existing is not null && !existing.AsSpan().SequenceEqual(operatorKey))
        {
            throw ApiProblemException.Conflict($"Hospital '{id}' is already admitted with another operator key.");
        }
        await cluster.GetGrain<IHospitalGrain>(id).JoinAsync();
        if (!await login.SetAsync(operatorKey))
        {
            throw ApiProblemException.Conflict($"Hospital '{id}' is already admitted with another operator key.");
        }
        HospitalRegistration registration = await RequireHospitalAsync(cluster, id);
        return TypedResults.Created($"/hospitals/{id}", Info(registration));
    }

    private static async Task<Ok<HospitalInfo>> GetAsync(string hospitalId, IClusterClient cluster) =>
        TypedResults.Ok(Info(await RequireHospitalAsync(cluster, hospitalId)));

    private static async Task<Ok<HospitalCredit>> GetCreditAsync(string hospitalId, IClusterClient cluster)
    {
        HospitalRegistration h = await RequireHospitalAsync(cluster, hospitalId);
        return TypedResults.Ok(new HospitalCredit(h.HospitalId, h.Credit));
    }

    private static async Task<Ok<ChainHeadInfo>> GetHeadAsync(string hospitalId, IClusterClient cluster)
    {
        await RequireHospitalAsync(cluster, hospitalId);
        ChainHead head = await cluster.GetGrain<IHospitalGrain>(hospitalId).GetHeadAsync();
        return TypedResults.Ok(new ChainHeadInfo(head.Height, head.HeaderHash, head.Pending));
    }

    private static async Task<Ok<BlockInfo>> GetBlockAsync(string hospitalId, long height, IClusterClient cluster)
    {
        await RequireHospitalAsync(cluster, hospitalId);
        Block block = await ReadBlockAsync(cluster, hospitalId, height);
        return TypedResults.Ok(new BlockInfo(
            block.Header.Height,
            Convert.ToHexString(block.Header.Hash()),
            Convert.ToHexString(block.Header.PreviousHash),
            Convert.ToHexString(block.Header.MerkleRoot),
            block.Header.TimestampMs,
            [.. block.Records.Select(r => new BlockRecord(r.RecordId(), Convert.ToBase64String(r.SealedRecord),
                Convert.ToBase64String(r.PatientPid), Convert.ToBase64String(r.Envelope), Convert.ToBase64String(r.DoctorKey), Convert.ToBase64String(r.Signature)))],
            Convert.ToBase64String(block.Encode())));
    }

    private static async Task<Ok<ChainHeadInfo>> SealAsync(string hospitalId, HttpContext http, IClusterClient cluster)
    {
        http.User.RequireSelf(Roles.Hospital, hospitalId);
        await RequireHospitalAsync(cluster, hospitalId);
        ChainHead head = await cluster.GetGrain<IHospitalGrain>(hospitalId).SealPendingAsync();
        return TypedResults.Ok(new ChainHeadInfo(head.Height, head.HeaderHash, head.Pending));
    }

    private static async Task<Ok<AuditInfo>> AuditAsync(string hospitalId, HttpContext http, IClusterClient cluster)
    {
        if (!http.User.Is(Roles.SmAdmin))
        {
            http.User.RequireSelf(Roles.Hospital, hospitalId);
        }
        await RequireHospitalAsync(cluster, hospitalId);
        AuditReport r = await cluster.GetGrain<IHospitalGrain>(hospitalId).AuditAsync();
        return TypedResults.Ok(new AuditInfo(r.Consistent, r.Height, r.FirstBadHeight, r.Reason, r.ReplicaHeights));
    }

    private static async Task<Ok<RecordReceipt>> ReceiptAsync(string hospitalId, string recordId, IClusterClient cluster)
    {
        await RequireHospitalAsync(cluster, hospitalId);
        if (recordId.Length != 64 || !recordId.All(char.IsAsciiHexDigit))
        {
            throw ApiProblemException.BadRequest("'recordId' must be 64 hex digits (the record's leaf hash).");
        }
        RecordPlace place = await cluster.GetGrain<IHospitalGrain>(hospitalId).LocateAsync(recordId)
            ?? throw ApiProblemException.NotFound($"Record {recordId} is not in a sealed block of '{hospitalId}' (unknown, or still pending).");
        Block block = await ReadBlockAsync(cluster, hospitalId, place.Height);
        int index = place.Index;
        List<byte[]> leaves = [.. block.Records.Select(r => r.LeafHash())];
        return TypedResults.Ok(new RecordReceipt(
            hospitalId,
            block.Header.Height,
            index,
            leaves.Count,
            Convert.ToHexString(leaves[index]),
            [.. MerkleTree.InclusionProof(leaves, index).Select(Convert.ToHexString)],
            Convert.ToBase64String(block.Header.Encode()),
            Convert.ToBase64String(block.Signature)));
    }

    /// <summary>A block of a registered hospital (the caller checked it is), or 404.</summary>
    private static async Task<Block> ReadBlockAsync(IClusterClient cluster, string hospitalId, long height)
    {
        byte[] bytes = await cluster.GetGrain<IHospitalGrain>(hospitalId).GetBlockAsync(height)
            ?? throw ApiProblemException.NotFound($"Hospital '{hospitalId}' has no block at height {height}.");
        return Block.TryDecode(bytes, out Block? block) ? block! : throw new InvalidDataException($"Block {height} of {hospitalId} does not decode.");
    }

    private static HospitalInfo Info(HospitalRegistration h) =>
        new(h.HospitalId, Convert.ToBase64String(h.PublicKey), Convert.ToBase64String(h.Pid), h.Credit);
}
