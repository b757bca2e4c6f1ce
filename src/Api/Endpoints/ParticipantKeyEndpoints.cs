using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Doctors' and patients' keys: a participant rotates his own (the new key signed by the old and
/// by itself), the sm-admin revokes one (final: a participant who lost his key enrolls again under
/// a new id, see docs/security.md).
/// </summary>
public static class ParticipantKeyEndpoints
{
    /// <summary>Maps /doctors/{doctorId}/keys, /patients/{patientId}/keys and their revocations.</summary>
    public static IEndpointRouteBuilder MapParticipantKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/doctors/{doctorId}/keys", (string doctorId, RotateKeyRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system) =>
                RotateAsync(Roles.Doctor, doctorId, cluster.GetGrain<IDoctorGrain>(doctorId), request, http, system))
            .RequireAuthorization(Roles.Doctor).WithTags("Doctors").WithName("RotateDoctorKey")
            .ProducesProblems(400, 404, 422)
            .WithSummary("The doctor replaces his key: the new key signed by his current key and by itself; his hospital takes it.");
        app.MapPost("/patients/{patientId}/keys", (string patientId, RotateKeyRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system) =>
                RotateAsync(Roles.Patient, patientId, cluster.GetGrain<IPatientGrain>(patientId), request, http, system))
            .RequireAuthorization(Roles.Patient).WithTags("Patients").WithName("RotatePatientKey")
            .ProducesProblems(400, 404, 422)
            .WithSummary("The patient replaces his key: the new key signed by his current key and by itself; his hospitals take it.");
        app.MapPost("/doctors/{doctorId}/revocation", async (string doctorId, IClusterClient cluster) =>
                await RevokeAsync(Roles.Doctor, doctorId, cluster.GetGrain<IDoctorGrain>(doctorId), async () => (await cluster.GetGrain<IDoctorGrain>(doctorId).GetProfileAsync())?.PublicKey))
            .RequireAuthorization(Roles.SmAdmin).WithTags("Doctors").WithName("RevokeDoctor")
            .ProducesProblems(400, 404)
            .WithSummary("The sm-admin revokes a doctor's key: no login, his tokens stop admitting him, his hospital refuses his records.");
        app.MapPost("/patients/{patientId}/revocation", async (string patientId, IClusterClient cluster) =>
                await RevokeAsync(Roles.Patient, patientId, cluster.GetGrain<IPatientGrain>(patientId), () => cluster.GetGrain<IPatientGrain>(patientId).GetPublicKeyAsync()))
            .RequireAuthorization(Roles.SmAdmin).WithTags("Patients").WithName("RevokePatient")
            .ProducesProblems(400, 404)
            .WithSummary("The sm-admin revokes a patient's key: no login, his tokens and consents stop working, his hospitals take no records for him.");
        return app;
    }

    private static async Task<Results<Ok<ParticipantKeyInfo>, ProblemHttpResult>> RotateAsync(string role, string participantId, IParticipantKeyGrain grain,
        RotateKeyRequest request, HttpContext http, SystemParametersClient system)
    {
        if (http.User.NotSelf(role, participantId) is { } forbidden)
        {
            return forbidden;
        }
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        PublicKey? key = fields.Key(p, request.PublicKey, "publicKey");
        byte[] current = fields.Base64(request.CurrentKeySignature, "currentKeySignature");
        byte[] next = fields.Base64(request.NewKeySignature, "newKeySignature");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        // The grain verifies both signatures against the key it holds (a refusal is a 422) before anything is stored.
        byte[] encoded = key!.Encode();
        await grain.RotateKeyAsync(encoded, current, next);
        return TypedResults.Ok(new ParticipantKeyInfo(participantId, role, Convert.ToBase64String(encoded), false));
    }

    private static async Task<Results<Ok<ParticipantKeyInfo>, ProblemHttpResult>> RevokeAsync(string role, string participantId, IParticipantKeyGrain grain, Func<Task<byte[]?>> key)
    {
        var fields = new RequestFields();
        fields.Id(participantId, role + "Id");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (!await grain.RevokeAsync() || await key() is not { } revoked)
        {
            return Problems.NotFound($"The {role} '{participantId}' is not registered.");
        }
        return TypedResults.Ok(new ParticipantKeyInfo(participantId, role, Convert.ToBase64String(revoked), true));
    }
}
