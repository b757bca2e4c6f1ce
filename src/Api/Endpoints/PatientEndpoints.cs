using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>Patients: registration by a hospital, their hospitals, keyword search (III.E) and consents.</summary>
public static class PatientEndpoints
{
    /// <summary>Maps /patients.</summary>
    public static void MapPatients(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/patients").WithTags("Patients");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Hospital).WithSummary("The calling hospital registers a patient and receives his alpha.");
        RouteGroupBuilder self = group.MapGroup("/{patientId}").RequireAuthorization(Roles.Patient);
        self.MapGet("/hospitals", GetHospitalsAsync).WithSummary("The hospitals (PID_i, public key) that hold the patient's records.");
        self.MapPost("/search", SearchAsync).WithSummary("The patient's records at one hospital that match his trapdoor.");
        self.MapPost("/consents", GrantAsync).WithSummary("Stores a signed consent (with its product-mode re-key) for a doctor.");
        self.MapGet("/consents", ListAsync).WithSummary("The patient's consents.");
        self.MapDelete("/consents/{consentId}", RevokeAsync).WithSummary("Revokes a consent.");
    }

    private static async Task<Created<PatientRegistered>> RegisterAsync(RegisterPatientRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        string hospitalId = http.User.Subject();
        string patientId = SchemeContext.Id(request.PatientId, "patientId");
        SystemParameters p = await scheme.RequireAsync();
        PublicKey publicKey = SchemeContext.Key(p, request.PublicKey, "publicKey");
        EnrollmentProof.Require(p, publicKey, request.Proof, Roles.Patient, patientId, hospitalId);
        byte[] key = publicKey.Encode();
        await HospitalEndpoints.RequireHospitalAsync(cluster, hospitalId);
        // A patient registered with another key is refused by the grains (409) before anything is stored.
        byte[] alpha = await cluster.GetGrain<IHospitalGrain>(hospitalId).RegisterPatientAsync(patientId, key);
        return TypedResults.Created($"/patients/{patientId}", new PatientRegistered(patientId, hospitalId, Convert.ToBase64String(alpha)));
    }

    private static async Task<Ok<PatientHospital[]>> GetHospitalsAsync(string patientId, HttpContext http, IClusterClient cluster)
    {
        http.User.RequireSelf(Roles.Patient, patientId);
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

    private static async Task<Ok<RecordList>> SearchAsync(string patientId, SearchRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        http.User.RequireSelf(Roles.Patient, patientId);
        byte[] pid = SchemeContext.Base64(request.HospitalPid, "hospitalPid");
        byte[] trapdoor = SchemeContext.Base64(request.Trapdoor, "trapdoor");
        SystemParameters p = await scheme.RequireAsync();
        Trapdoor.Decode(p, trapdoor);
        HospitalRegistration hospital = await cluster.GetSystemManager().GetHospitalByPidAsync(pid)
            ?? throw ApiProblemException.NotFound("No hospital has this pseudonym.");
        SearchMatch[] records = await cluster.GetGrain<IHospitalGrain>(hospital.HospitalId).SearchAsync(patientId, trapdoor);
        return TypedResults.Ok(new RecordList([.. records.Select(r => Convert.ToBase64String(r.SealedRecord))]));
    }

    private static async Task<Created<ConsentSummary>> GrantAsync(string patientId, GrantConsentRequest request, HttpContext http, IClusterClient cluster, SchemeContext scheme)
    {
        http.User.RequireSelf(Roles.Patient, patientId);
        string consentId = SchemeContext.Id(request.ConsentId, "consentId");
        string doctorId = SchemeContext.Id(request.DoctorId, "doctorId");
        SystemParameters p = await scheme.RequireAsync();
        PublicKey doctorKey = SchemeContext.Key(p, request.DoctorKey, "doctorKey");
        byte[] reKey = SchemeContext.Base64(request.ReKey, "reKey");
        byte[] signature = SchemeContext.Base64(request.Signature, "signature");
        DoctorProfile doctor = await DoctorEndpoints.RequireDoctorAsync(cluster, doctorId);
        if (!doctor.PublicKey.AsSpan().SequenceEqual(doctorKey.Encode()))
        {
            throw ApiProblemException.Unprocessable($"'doctorKey' is not the key doctor '{doctorId}' is registered with.");
        }
        byte[] patientKey = await cluster.GetGrain<IPatientGrain>(patientId).GetPublicKeyAsync()
            ?? throw ApiProblemException.NotFound($"Patient '{patientId}' is not registered.");
        var consent = new Consent(consentId, patientId, doctorId, doctorKey.Encode(), reKey, request.ExpiresAtMs, signature);
        if (!consent.Verify(p, PublicKey.Decode(p, patientKey)))
        {
            throw ApiProblemException.Unprocessable("The consent's signature or re-key does not verify for this patient and doctor.");
        }
        IPatientGrain patient = cluster.GetGrain<IPatientGrain>(patientId);
        if ((await patient.GetConsentsAsync()).Any(c => c.ConsentId == consentId))
        {
            throw ApiProblemException.Conflict($"Consent '{consentId}' already exists.");
        }
        ConsentInfo info = await patient.GrantConsentAsync(new ConsentGrant(consentId, patientId, doctorId, doctorKey.Encode(), reKey, request.ExpiresAtMs, signature));
        return TypedResults.Created($"/patients/{patientId}/consents/{consentId}", Summary(info));
    }

    private static async Task<Ok<ConsentSummary[]>> ListAsync(string patientId, HttpContext http, IClusterClient cluster)
    {
        http.User.RequireSelf(Roles.Patient, patientId);
        return TypedResults.Ok((await cluster.GetGrain<IPatientGrain>(patientId).GetConsentsAsync()).Select(Summary).ToArray());
    }

    private static async Task<NoContent> RevokeAsync(string patientId, string consentId, HttpContext http, IClusterClient cluster)
    {
        http.User.RequireSelf(Roles.Patient, patientId);
        return await cluster.GetGrain<IPatientGrain>(patientId).RevokeConsentAsync(SchemeContext.Id(consentId, "consentId"))
            ? TypedResults.NoContent()
            : throw ApiProblemException.NotFound($"Consent '{consentId}' does not exist.");
    }

    private static ConsentSummary Summary(ConsentInfo c) => new(c.ConsentId, c.DoctorId, c.ExpiresAtMs, c.Revoked);
}
