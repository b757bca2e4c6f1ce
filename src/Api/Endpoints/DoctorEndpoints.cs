using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Doctors: registration by their hospital, public profile, broadcasts (III.C/D) and reports about a hospital.</summary>
public static class DoctorEndpoints
{
    /// <summary>Maps /doctors.</summary>
    public static void MapDoctors(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/doctors").WithTags("Doctors");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Hospital).WithSummary("The calling hospital registers one of its doctors.");
        group.MapGet("/{doctorId}", GetAsync).AllowAnonymous().WithSummary("A doctor's public profile and standing.");
        group.MapPost("/{doctorId}/records", BroadcastAsync).RequireAuthorization(Roles.Doctor).WithMetadata(new LargeBodyMetadata())
            .WithSummary("The doctor broadcasts an encrypted record to his hospital; answered once verified and durably stored.");
        group.MapPost("/{doctorId}/reports", ReportAsync).RequireAuthorization(Roles.Doctor).WithSummary("The doctor reports a hospital to the SM.");
    }

    private static async Task<Created<DoctorInfo>> RegisterAsync(RegisterDoctorRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        string hospitalId = http.User.Subject();
        string doctorId = SchemeContext.Id(request.DoctorId, "doctorId");
        SystemParameters p = await scheme.RequireAsync();
        PublicKey publicKey = SchemeContext.Key(p, request.PublicKey, "publicKey");
        EnrollmentProof.Require(p, publicKey, request.Proof, Roles.Doctor, doctorId, hospitalId);
        byte[] key = publicKey.Encode();
        await HospitalEndpoints.RequireHospitalAsync(cluster, hospitalId);
        // A doctor registered elsewhere or with another key is refused by the grains (409) before anything is stored.
        DoctorStanding standing = await cluster.GetGrain<IHospitalGrain>(hospitalId).RegisterDoctorAsync(doctorId, key);
        return TypedResults.Created($"/doctors/{doctorId}", new DoctorInfo(doctorId, hospitalId, Convert.ToBase64String(key), standing.Credit, standing.Expelled));
    }

    private static async Task<Ok<DoctorInfo>> GetAsync(string doctorId, IClusterClient cluster)
    {
        DoctorProfile profile = await RequireDoctorAsync(cluster, doctorId);
        DoctorStanding standing = await cluster.GetGrain<IHospitalGrain>(profile.HospitalId).GetDoctorAsync(doctorId)
            ?? throw ApiProblemException.NotFound($"Doctor '{doctorId}' is not registered.");
        return TypedResults.Ok(new DoctorInfo(doctorId, profile.HospitalId, Convert.ToBase64String(profile.PublicKey), standing.Credit, standing.Expelled));
    }

    private static async Task<Ok<RecordAccepted>> BroadcastAsync(string doctorId, BroadcastRecordRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        http.User.RequireSelf(Roles.Doctor, doctorId);
        string patientId = SchemeContext.Id(request.PatientId, "patientId");
        byte[] sealedRecord = SchemeContext.Base64(request.SealedRecord, "sealedRecord");
        byte[] patientPid = SchemeContext.Base64(request.PatientPid, "patientPid");
        byte[] envelope = SchemeContext.Base64(request.Envelope, "envelope");
        byte[] signature = SchemeContext.Base64(request.Signature, "signature");
        if (sealedRecord.Length + patientPid.Length + envelope.Length + signature.Length > LedgerRecord.MaxEncodedLength - 4096)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The record is larger than a ledger record may be.");
        }
        await scheme.RequireAsync();
        DoctorProfile profile = await RequireDoctorAsync(cluster, doctorId);
        BroadcastReceipt receipt = await cluster.GetGrain<IHospitalGrain>(profile.HospitalId)
            .BroadcastAsync(new BroadcastRequest(doctorId, patientId, sealedRecord, patientPid, envelope, signature));
        return receipt.Accepted
            ? TypedResults.Ok(new RecordAccepted(receipt.RecordId!, profile.HospitalId))
            : throw receipt.Check switch
            {
                BroadcastCheck.UnknownPatient => ApiProblemException.NotFound($"Patient '{patientId}' is not registered at hospital '{profile.HospitalId}'."),
                BroadcastCheck.DoctorExpelled => ApiProblemException.Forbidden($"Doctor '{doctorId}' has been expelled (credit below the threshold)."),
                BroadcastCheck.HospitalSuspended => ApiProblemException.Forbidden($"Hospital '{profile.HospitalId}' is suspended (credit at the threshold): it takes no records."),
                BroadcastCheck check => ApiProblemException.Unprocessable($"The record was refused: {check}."),
            };
    }

    private static async Task<Ok<HospitalCredit>> ReportAsync(string doctorId, ReportRequest request, HttpContext http, IClusterClient cluster)
    {
        http.User.RequireSelf(Roles.Doctor, doctorId);
        string hospitalId = SchemeContext.Id(request.HospitalId, "hospitalId");
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            throw ApiProblemException.BadRequest("'reason' is required (at most 1000 characters).");
        }
        await HospitalEndpoints.RequireHospitalAsync(cluster, hospitalId);
        int credit = await cluster.GetGrain<IDoctorGrain>(doctorId).ReportHospitalAsync(hospitalId, request.Reason);
        return TypedResults.Ok(new HospitalCredit(hospitalId, credit));
    }

    /// <summary>The doctor's profile, or 404.</summary>
    public static async Task<DoctorProfile> RequireDoctorAsync(IClusterClient cluster, string doctorId) =>
        await cluster.GetGrain<IDoctorGrain>(SchemeContext.Id(doctorId, "doctorId")).GetProfileAsync()
            ?? throw ApiProblemException.NotFound($"Doctor '{doctorId}' is not registered.");
}
