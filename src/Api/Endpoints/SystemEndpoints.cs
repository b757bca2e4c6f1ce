using MedChain.Api.Errors;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Endpoints;

/// <summary>The system manager's public side: the parameters (III.A), their one-time setup, and the proxy's access log.</summary>
public static class SystemEndpoints
{
    /// <summary>Maps /system.</summary>
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/system").WithTags("System");
        group.MapGet("/parameters", GetParametersAsync).AllowAnonymous().WithName("GetSystemParameters")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblems(404)
            .WithSummary("The public parameters (level, seed, Y) as versioned JSON; 404 before setup.");
        group.MapPost("/setup", SetupAsync).RequireAuthorization(Roles.SmAdmin).WithName("SetUpSystem")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblems(409)
            .WithSummary("Runs the SM's initialization at the cluster's level (once; later calls return the same parameters).");
        group.MapGet("/access-log", GetAccessLogAsync).RequireAuthorization(Roles.SmAdmin).WithName("GetAccessLog")
            .ProducesProblems(400)
            .WithSummary("A patient's access log (who received which of his records) from a sequence number on (1000 at most), with the audit of its keyed hash chain.");
        group.MapGet("/reports", GetReportsAsync).RequireAuthorization(Roles.SmAdmin).WithName("ListReports")
            .ProducesProblems(400)
            .WithSummary("Doctors' reports about hospitals, newest first, optionally only those pending, upheld or dismissed.");
        group.MapPost("/reports/{reportId}/uphold", UpholdAsync).RequireAuthorization(Roles.SmAdmin).WithName("UpholdReport")
            .ProducesProblems(404, 409)
            .WithSummary("Upholds a pending report: the hospital pays the penalty (and is suspended at the threshold).");
        group.MapPost("/reports/{reportId}/dismiss", DismissAsync).RequireAuthorization(Roles.SmAdmin).WithName("DismissReport")
            .ProducesProblems(404, 409)
            .WithSummary("Dismisses a pending report: nothing changes.");
        return app;
    }

    /// <summary>A report as the API shows it.</summary>
    internal static ReportFiled Filed(HospitalReport r) =>
        new(r.ReportId, r.HospitalId, r.DoctorId, r.Reason, r.FiledAtMs, r.Status.ToString().ToLowerInvariant());

    private static async Task<Results<Ok<ReportFiled[]>, ProblemHttpResult>> GetReportsAsync(IClusterClient cluster, string? status = null)
    {
        ReportStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse(status, ignoreCase: true, out ReportStatus parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.BadRequest("'status' must be pending, upheld or dismissed.");
            }
            wanted = parsed;
        }
        return TypedResults.Ok((await cluster.GetSystemManager().GetReportsAsync(wanted)).Select(Filed).ToArray());
    }

    private static Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> UpholdAsync(string reportId, IClusterClient cluster) => DecideAsync(reportId, true, cluster);

    private static Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> DismissAsync(string reportId, IClusterClient cluster) => DecideAsync(reportId, false, cluster);

    private static async Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> DecideAsync(string reportId, bool uphold, IClusterClient cluster)
    {
        var fields = new RequestFields();
        fields.Id(reportId, "reportId");
        return fields.Problem is { } problem
            ? problem
            : TypedResults.Ok(HospitalEndpoints.Info(await cluster.GetSystemManager().DecideReportAsync(reportId, uphold)));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetParametersAsync(IClusterClient cluster) =>
        await cluster.GetSystemManager().FindParametersAsync() is { } json
            ? TypedResults.Content(json, "application/json")
            : Problems.NotFound(Problems.NotSetUpDetail);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SetupAsync(IClusterClient cluster, AdminKey admin)
    {
        // The admin's own key must be as strong as the system it sets up (an 80-bit key would be the weakest link of a 128-bit one).
        int level = await cluster.GetSystemManager().GetSecurityLevelAsync();
        if (admin.Parameters.SecurityLevel < level)
        {
            return Problems.Conflict($"The sm-admin key is {admin.Parameters.SecurityLevel}-bit, below the cluster's {level}-bit level: make one with `medchain keys new --role sm-admin --level {level}`.");
        }
        return TypedResults.Content(await cluster.GetSystemManager().GetParametersAsync(), "application/json");
    }

    private static async Task<Results<Ok<AccessLogPage>, ProblemHttpResult>> GetAccessLogAsync(IClusterClient cluster, string? patientId, long from = 0)
    {
        var fields = new RequestFields();
        fields.Id(patientId, "patientId");
        return fields.Problem is { } problem ? problem : TypedResults.Ok(await ReadAccessLogAsync(cluster, patientId!, from));
    }

    /// <summary>A page of a patient's access log with the audit of the whole chain.</summary>
    internal static async Task<AccessLogPage> ReadAccessLogAsync(IClusterClient cluster, string patientId, long from)
    {
        IAccessLogGrain log = cluster.GetGrain<IAccessLogGrain>(patientId);
        (long count, long? broken) = await log.AuditAsync();
        AccessEntry[] entries = await log.ReadAsync(Math.Max(0, from));
        WitnessedCheckpoint? witnessed = await cluster.GetCheckpoints().GetWitnessedAccessLogAsync(patientId);
        return new AccessLogPage(count, broken, [.. entries.Select(a =>
            new AccessLogEntry(a.Sequence, a.TimeMs, a.DoctorId, a.PatientId, a.HospitalId, a.RecordId, a.ConsentId, Convert.ToHexString(a.Hash)))],
            CheckpointEndpoints.Info(witnessed));
    }
}
