using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Sharing (III.E): a doctor asks for a patient's history under the patient's consent; the SM
/// proxy re-encrypts the matching records for him and logs the access. The records are
/// re-encrypted for the calling doctor only.
/// </summary>
public static class SharingEndpoints
{
    /// <summary>At most this many hospitals per request.</summary>
    public const int MaxHospitals = 64;

    /// <summary>Maps /sharing.</summary>
    public static void MapSharing(this IEndpointRouteBuilder app) =>
        app.MapGroup("/sharing").WithTags("Sharing")
            .MapPost("/", ShareAsync).RequireAuthorization(Roles.Doctor)
            .WithSummary("The patient's records matching the trapdoors, re-encrypted for the calling doctor under a consent.");

    private static async Task<Ok<RecordList>> ShareAsync(ShareRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        string doctorId = http.User.Subject();
        string patientId = SchemeContext.Id(request.PatientId, "patientId");
        string consentId = SchemeContext.Id(request.ConsentId, "consentId");
        if (request.Trapdoors is not { Count: > 0 and <= MaxHospitals })
        {
            throw ApiProblemException.BadRequest($"'trapdoors' must name 1 to {MaxHospitals} hospitals (PID_i to trapdoor).");
        }
        SystemParameters p = await scheme.RequireAsync();
        var trapdoors = new Dictionary<string, byte[]>();
        foreach ((string pid, string trapdoor) in request.Trapdoors)
        {
            byte[] pidBytes = SchemeContext.Base64(pid, "trapdoors (key)");
            byte[] bytes = SchemeContext.Base64(trapdoor, $"trapdoors[{pid}]");
            Trapdoor.Decode(p, bytes);
            trapdoors[Convert.ToBase64String(pidBytes)] = bytes;
        }
        ShareResult result = await cluster.GetReEncryptionProxy().ShareAsync(patientId, consentId, doctorId, trapdoors);
        return result.Allowed
            ? TypedResults.Ok(new RecordList([.. result.Records.Select(Convert.ToBase64String)]))
            : throw ApiProblemException.Forbidden($"The proxy refused: {result.Refusal}.");
    }
}
