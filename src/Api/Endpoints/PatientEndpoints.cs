using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Patients: registration by a hospital, their hospitals, keyword search (III.E) and consents.</summary>
public static class PatientEndpoints
{
    /// <summary>Maps /patients.</summary>
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/patients").WithTags("Patients");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Hospital).WithName("RegisterPatient")
            .ProducesProblems(400, 404, 409, 422)
            .WithSummary("The calling hospital registers a patient and receives his alpha.");
        RouteGroupBuilder self = group.MapGroup("/{patientId}").RequireAuthorization(Roles.Patient);
        self.MapGet("/hospitals", GetHospitalsAsync).WithName("GetPatientHospitals")
            .WithSummary("The hospitals (PID_i, public key) that hold the patient's records.");
        self.MapPost("/search", SearchAsync).WithName("SearchRecords").RequireRateLimiting(RequestLimits.Search)
            .ProducesProblems(400, 404, 409, 422)
            .WithSummary("The patient's records at one hospital that match his trapdoor.");
        self.MapPost("/consents", GrantAsync).WithName("GrantConsent")
            .ProducesProblems(400, 404, 409, 422)
            .WithSummary("Stores a signed consent (with its product-mode re-key) for a doctor.");
        self.MapGet("/access-log", GetAccessLogAsync).WithName("GetPatientAccessLog")
            .ProducesProblems(400)
            .WithSummary("Who received which of the patient's records, when, under which consent (his access log, with the audit of its chain).");
        self.MapGet("/consents", ListAsync).WithName("ListConsents")
            .WithSummary("The patient's consents.");
        self.MapDelete("/consents/{consentId}", RevokeAsync).WithName("RevokeConsent")
            .ProducesProblems(400, 404)
            .WithSummary("Revokes a consent.");
        return app;
    }

    private static async Task<Results<Created<PatientRegistered>, ProblemHttpResult>> RegisterAsync(RegisterPatientRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system)
    {
        string hospitalId = http.User.Subject();
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        (string patientId, PublicKey? publicKey) = EnrollmentProof.Read(fields, p, request.PatientId, "patientId", request.PublicKey, request.Proof, Roles.Patient, hospitalId);
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        await EnrollmentProof.CheckIdAsync(fields, patientId, "patientId", Roles.Patient, publicKey!, () => cluster.GetGrain<IPatientGrain>(patientId).GetPublicKeyAsync());
        if (fields.Problem is { } notHis)
        {
            return notHis;
        }
        if (await Participants.HospitalAsync(cluster, hospitalId) is null)
        {
            return Participants.HospitalNotFound(hospitalId);
        }
        // A patient registered with another key is refused by the grains (409) before anything is stored.
        byte[] alpha = await cluster.GetGrain<IHospitalGrain>(hospitalId).RegisterPatientAsync(patientId, publicKey!.Encode());
        return TypedResults.Created($"/patients/{patientId}", new PatientRegistered(patientId, hospitalId, Convert.ToBase64String(alpha)));
    }

    private static async Task<Results<Ok<PatientHospital[]>, ProblemHttpResult>> GetHospitalsAsync(string patientId, HttpContext http, IClusterClient cluster)
    {
        if (http.User.NotSelf(Roles.Patient, patientId) is { } forbidden)
        {
            return forbidden;
        }
        var hospitals = new List<PatientHospital>();
        foreach (byte[] pid in await cluster.GetGrain<IPatientGrain>(patientId).GetHospitalsAsync())
        {
            if (await cluster.GetSystemManager().GetHospitalByPidAsync(pid) is { } h)
            {
                hospitals.Add(new PatientHospital(Convert.ToBase64String(pid), Convert.ToBase64String(h.PublicKey)));
            }
        }
        return TypedResults.Ok(hospitals.ToArray());
    }

    private static async Task<Results<Ok<RecordList>, ProblemHttpResult>> SearchAsync(string patientId, SearchRequest request, HttpContext http, IClusterClient cluster, SystemParametersClient system)
    {
        if (http.User.NotSelf(Roles.Patient, patientId) is { } forbidden)
        {
            return forbidden;
        }
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        byte[] pid = fields.Base64(request.HospitalPid, "hospitalPid");
        byte[] trapdoor = fields.Base64(request.Trapdoor, "trapdoor");
        fields.Decoded(trapdoor, "trapdoor", t => Trapdoor.Decode(p, t));
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (await cluster.GetSystemManager().GetHospitalByPidAsync(pid) is not { } hospital)
        {
            return Problems.NotFound("No hospital has this pseudonym.");
        }
        SearchMatch[] records = await cluster.GetGrain<IHospitalGrain>(hospital.HospitalId).SearchAsync(patientId, trapdoor);
        return TypedResults.Ok(new RecordList(await RecordBodies.SealedRecordsAsync(cluster, hospital.HospitalId, records)));
    }

    private static async Task<Results<Created<ConsentSummary>, ProblemHttpResult>> GrantAsync(string patientId, GrantConsentRequest request, HttpContext http,
        IClusterClient cluster, SystemParametersClient system)
    {
        if (http.User.NotSelf(Roles.Patient, patientId) is { } forbidden)
        {
            return forbidden;
        }
        if (await system.FindAsync() is not { } p)
        {
            return Problems.NotSetUp();
        }
        var fields = new RequestFields();
        string consentId = fields.Id(request.ConsentId, "consentId");
        string doctorId = fields.Id(request.DoctorId, "doctorId");
        PublicKey? doctorKey = fields.Key(p, request.DoctorKey, "doctorKey");
        byte[] reKey = fields.Base64(request.ReKey, "reKey");
        byte[] scope = fields.Base64(request.Scope, "scope");
        if (scope.Length > 0 && !ConsentScope.TryDecode(scope, out _))
        {
            fields.Invalid("scope", $"'scope' must name 1 to {ConsentScope.MaxEntries} trapdoors, each a hospital's PID_i and a 32-byte hash.");
        }
        byte[] signature = fields.Base64(request.Signature, "signature");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (await Participants.DoctorAsync(cluster, doctorId) is not { } doctor)
        {
            return Participants.DoctorNotFound(doctorId);
        }
        if (!doctor.PublicKey.AsSpan().SequenceEqual(doctorKey!.Encode()))
        {
            return Problems.Unprocessable($"'doctorKey' is not the key doctor '{doctorId}' is registered with.");
        }
        // The patient's grain verifies the consent against his registered key (signature, re-key binding) and refuses a reused id.
        ConsentInfo info = await cluster.GetGrain<IPatientGrain>(patientId)
            .GrantConsentAsync(new ConsentGrant(consentId, patientId, doctorId, doctorKey.Encode(), reKey, request.ExpiresAtMs, signature, scope));
        return TypedResults.Created($"/patients/{patientId}/consents/{consentId}", Summary(info));
    }

    private static async Task<Results<Ok<AccessLogPage>, ProblemHttpResult>> GetAccessLogAsync(string patientId, HttpContext http, IClusterClient cluster, long from = 0) =>
        http.User.NotSelf(Roles.Patient, patientId) is { } forbidden
            ? forbidden
            : TypedResults.Ok(await SystemEndpoints.ReadAccessLogAsync(cluster, patientId, from));

    private static async Task<Results<Ok<ConsentSummary[]>, ProblemHttpResult>> ListAsync(string patientId, HttpContext http, IClusterClient cluster)
    {
        if (http.User.NotSelf(Roles.Patient, patientId) is { } forbidden)
        {
            return forbidden;
        }
        return TypedResults.Ok((await cluster.GetGrain<IPatientGrain>(patientId).GetConsentsAsync()).Select(Summary).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string patientId, string consentId, HttpContext http, IClusterClient cluster)
    {
        if (http.User.NotSelf(Roles.Patient, patientId) is { } forbidden)
        {
            return forbidden;
        }
        var fields = new RequestFields();
        fields.Id(consentId, "consentId");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        return await cluster.GetGrain<IPatientGrain>(patientId).RevokeConsentAsync(consentId)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Consent '{consentId}' does not exist.");
    }

    private static ConsentSummary Summary(ConsentInfo c) => new(c.ConsentId, c.DoctorId, c.ExpiresAtMs, c.Revoked);
}
