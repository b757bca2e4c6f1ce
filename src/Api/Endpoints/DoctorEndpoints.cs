using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Endpoints;

/// <summary>Doctors: registration by their hospital, public profile, broadcasts (III.C/D) and reports about a hospital.</summary>
public static class DoctorEndpoints
{
    /// <summary>Maps /doctors.</summary>
    public static IEndpointRouteBuilder MapDoctorEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/doctors").WithTags("Doctors");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Hospital).WithName("RegisterDoctor")
            .ProducesProblems(400, 404, 409, 422)
            .WithSummary("The calling hospital registers one of its doctors.");
        group.MapGet("/{doctorId}", GetAsync).AllowAnonymous().WithName("GetDoctor")
            .ProducesProblems(400, 404)
            .WithSummary("A doctor's public profile and standing.");
        group.MapPost("/{doctorId}/records", BroadcastAsync).RequireAuthorization(Roles.Doctor).WithMetadata(new LargeBodyMetadata()).WithName("BroadcastRecord")
            .RequireRateLimiting(RequestLimits.Broadcast)
            .ProducesProblems(400, 404, 409, 413, 422)
            .WithSummary("The doctor broadcasts an encrypted record to his hospital; answered once verified and durably stored.");
        group.MapPost("/{doctorId}/reports", ReportAsync).RequireAuthorization(Roles.Doctor).WithName("ReportHospital")
            .ProducesProblems(400, 404, 422)
            .WithSummary("The doctor reports his hospital to the SM, which files it for the sm-admin to decide.");
        return app;
    }

    private static async Task<Results<Created<DoctorInfo>, ProblemHttpResult>> RegisterAsync(RegisterDoctorRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system)
    {
        string hospitalId = http.User.Subject();
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        (string doctorId, PublicKey? publicKey) = EnrollmentProof.Read(fields, p, request.DoctorId, "doctorId", request.PublicKey, request.Proof, Roles.Doctor, hospitalId);
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        await EnrollmentProof.CheckIdAsync(fields, doctorId, "doctorId", Roles.Doctor, publicKey!, async () => (await Participants.DoctorAsync(cluster, doctorId))?.PublicKey);
        if (fields.Problem is { } notHis)
        {
            return notHis;
        }
        if (await Participants.HospitalAsync(cluster, hospitalId) is null)
        {
            return Participants.HospitalNotFound(hospitalId);
        }
        byte[] key = publicKey!.Encode();
        // A doctor registered elsewhere or with another key is refused by the grains (409) before anything is stored.
        DoctorStanding standing = await cluster.GetGrain<IHospitalGrain>(hospitalId).RegisterDoctorAsync(doctorId, key);
        return TypedResults.Created($"/doctors/{doctorId}", new DoctorInfo(doctorId, hospitalId, Convert.ToBase64String(key), standing.Credit, standing.Expelled, standing.Revoked));
    }

    private static async Task<Results<Ok<DoctorInfo>, ProblemHttpResult>> GetAsync(string doctorId, IClusterClient cluster)
    {
        (DoctorProfile? profile, ProblemHttpResult? problem) = await Participants.FindDoctorAsync(cluster, doctorId);
        if (problem is not null)
        {
            return problem;
        }
        return await cluster.GetGrain<IHospitalGrain>(profile!.HospitalId).GetDoctorAsync(doctorId) is { } standing
            ? TypedResults.Ok(new DoctorInfo(doctorId, profile.HospitalId, Convert.ToBase64String(profile.PublicKey), standing.Credit, standing.Expelled, standing.Revoked))
            : Participants.DoctorNotFound(doctorId);
    }

    private static async Task<Results<Ok<RecordAccepted>, ProblemHttpResult>> BroadcastAsync(string doctorId, BroadcastRecordRequest request, HttpContext http,
        IClusterClient cluster, SystemParametersClient system, IOptions<ApiOptions> options)
    {
        if (http.User.NotSelf(Roles.Doctor, doctorId) is { } forbidden)
        {
            return forbidden;
        }
        var fields = new RequestFields();
        string patientId = fields.Id(request.PatientId, "patientId");
        byte[] sealedRecord = fields.Base64(request.SealedRecord, "sealedRecord");
        byte[] patientPid = fields.Base64(request.PatientPid, "patientPid");
        byte[] envelope = fields.Base64(request.Envelope, "envelope");
        byte[] signature = fields.Base64(request.Signature, "signature");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (sealedRecord.Length > options.Value.MaxRecordBytes)
        {
            return Problems.TooLarge($"'sealedRecord' is larger than this service accepts ({options.Value.MaxRecordBytes} bytes).");
        }
        if (patientPid.Length + envelope.Length + signature.Length > LedgerRecord.MaxEncodedLength / 2)
        {
            return Problems.TooLarge("'patientPid', 'envelope' and 'signature' are larger than a ledger record may be.");
        }
        if (await system.FindAsync() is null)
        {
            return Problems.NotSetUp();
        }
        (DoctorProfile? profile, ProblemHttpResult? unknown) = await Participants.FindDoctorAsync(cluster, doctorId);
        if (unknown is not null)
        {
            return unknown;
        }
        BroadcastReceipt receipt = await cluster.GetGrain<IHospitalGrain>(profile!.HospitalId)
            .BroadcastAsync(new BroadcastRequest(doctorId, patientId, sealedRecord, patientPid, envelope, signature));
        return receipt.Accepted
            ? TypedResults.Ok(new RecordAccepted(receipt.RecordId!, profile.HospitalId))
            : Refused(receipt.Check, doctorId, patientId, profile.HospitalId);
    }

    private static async Task<Results<Ok<ReportFiled>, ProblemHttpResult>> ReportAsync(string doctorId, ReportRequest request, HttpContext http, IClusterClient cluster)
    {
        if (http.User.NotSelf(Roles.Doctor, doctorId) is { } forbidden)
        {
            return forbidden;
        }
        var fields = new RequestFields();
        string hospitalId = fields.Id(request.HospitalId, "hospitalId");
        fields.Require(!string.IsNullOrWhiteSpace(request.Reason) && request.Reason.Length <= 1000, "reason", "'reason' is required (at most 1000 characters).");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (await Participants.HospitalAsync(cluster, hospitalId) is null)
        {
            return Participants.HospitalNotFound(hospitalId);
        }
        HospitalReport report = await cluster.GetGrain<IDoctorGrain>(doctorId).ReportHospitalAsync(hospitalId, request.Reason);
        return TypedResults.Ok(SystemEndpoints.Filed(report));
    }

    /// <summary>
    /// The answer to a refused broadcast, by the hospital server's verdict: the member checks by
    /// their own status, every cryptographic check as 422 naming it (in words and as <c>check</c>).
    /// </summary>
    private static ProblemHttpResult Refused(BroadcastCheck check, string doctorId, string patientId, string hospitalId) => check switch
    {
        BroadcastCheck.UnknownDoctor => Problems.NotFound($"Doctor '{doctorId}' is not registered at hospital '{hospitalId}'."),
        BroadcastCheck.UnknownPatient => Problems.NotFound($"Patient '{patientId}' is not registered at hospital '{hospitalId}'."),
        BroadcastCheck.DoctorExpelled => Problems.Forbidden($"Doctor '{doctorId}' has been expelled (credit below the threshold)."),
        BroadcastCheck.DoctorRevoked => Problems.Forbidden($"The key of doctor '{doctorId}' has been revoked."),
        BroadcastCheck.PatientRevoked => Problems.Conflict($"The key of patient '{patientId}' has been revoked: records are no longer encrypted for it."),
        BroadcastCheck.HospitalSuspended => Problems.Forbidden($"Hospital '{hospitalId}' is suspended (credit at the threshold): it takes no records."),
        _ => Problems.Of(StatusCodes.Status422UnprocessableEntity, $"The record was refused: {Describe(check)}.", new Dictionary<string, object?> { ["check"] = check.ToString() }),
    };

    private static string Describe(BroadcastCheck check) => check switch
    {
        BroadcastCheck.Malformed => "its signature or keys do not decode",
        BroadcastCheck.InvalidRecord => "the sealed record does not decode",
        BroadcastCheck.BadSignature => "the doctor's signature does not verify under his registered key",
        BroadcastCheck.EnvelopeUnreadable => "X_ij does not open with the hospital's key",
        BroadcastCheck.IdentityMismatch => "the record or X_ij names another doctor, patient, hospital or evidence than the hospital issued",
        BroadcastCheck.InvalidCiphertext => "the ciphertext fails the validity check for the patient's key",
        _ => "it failed the hospital's checks",
    };
}
