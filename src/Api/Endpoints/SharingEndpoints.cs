using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Sharing (III.E): a doctor asks for a patient's history under the patient's consent; the
/// re-encryption proxy re-encrypts the matching records for him and logs the access. The records
/// are re-encrypted for the calling doctor only.
/// </summary>
public static class SharingEndpoints
{
    /// <summary>At most this many hospitals per request.</summary>
    public const int MaxHospitals = 64;

    /// <summary>Maps /sharing.</summary>
    public static IEndpointRouteBuilder MapSharingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/sharing").WithTags("Sharing")
            .MapPost("/", ShareAsync).RequireAuthorization(Roles.Doctor).WithName("ShareRecords").RequireRateLimiting(RequestLimits.Share)
            .ProducesProblems(400, 409, 422)
            .WithSummary("The patient's records matching the trapdoors, re-encrypted for the calling doctor under a consent; suspended hospitals are skipped and named.");
        return app;
    }

    private static async Task<Results<Ok<SharedRecords>, ProblemHttpResult>> ShareAsync(ShareRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system)
    {
        string doctorId = http.User.Subject();
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        string patientId = fields.Id(request.PatientId, "patientId");
        string consentId = fields.Id(request.ConsentId, "consentId");
        fields.Require(request.Trapdoors is { Count: > 0 and <= MaxHospitals }, "trapdoors", $"'trapdoors' must name 1 to {MaxHospitals} hospitals (PID_i to trapdoor).");
        if (fields.Problem is { } tooMany)
        {
            // Before any trapdoor is decoded (a point decoding each).
            return tooMany;
        }
        var trapdoors = new Dictionary<string, byte[]>();
        foreach ((string pid, string trapdoor) in request.Trapdoors ?? [])
        {
            byte[] pidBytes = fields.Base64(pid, "trapdoors (key)");
            byte[] bytes = fields.Base64(trapdoor, $"trapdoors[{pid}]");
            fields.Decoded(bytes, $"trapdoors[{pid}]", t => Trapdoor.Decode(p, t));
            trapdoors[Convert.ToBase64String(pidBytes)] = bytes;
        }
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        ShareResult result = await cluster.GetReEncryptionProxy().ShareAsync(patientId, consentId, doctorId, trapdoors);
        return result.Allowed
            ? TypedResults.Ok(new SharedRecords(await RecordBodies.ReEncryptedAsync(cluster, result.Records), result.SkippedHospitalPids))
            : Problems.Of(StatusCodes.Status403Forbidden, $"The proxy refused: {Describe(result.Refusal)}.", new Dictionary<string, object?> { ["refusal"] = result.Refusal.ToString() });
    }

    private static string Describe(ShareRefusal refusal) => refusal switch
    {
        ShareRefusal.NoValidConsent => "no valid consent (unknown, revoked, expired or for another doctor)",
        ShareRefusal.UnknownHospital => "a trapdoor names a hospital pseudonym the SM did not issue",
        ShareRefusal.DoctorNotInGoodStanding => "the doctor is not registered or has been expelled",
        ShareRefusal.ReKeyNotBound => "the consent's re-key does not bind the patient's key to the doctor's",
        ShareRefusal.OutsideConsent => "a trapdoor or its hospital is not one the consent names",
        _ => "the request is not allowed",
    };
}
