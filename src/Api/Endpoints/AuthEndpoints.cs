using System.Security.Cryptography;
using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.Api.Validation;
using MedChain.Contracts;
using MedChain.GrainInterfaces;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Login by key: the API issues a single-use nonce for a role and participant; the participant
/// signs the login statement (Schnorr, purpose "login") with his private key; the API checks it
/// against the registered public key and issues a short-lived token.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>Maps /auth.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/auth").WithTags("Auth").AllowAnonymous().RequireRateLimiting(RequestLimits.Login);
        group.MapPost("/challenge", ChallengeAsync).WithName("CreateLoginChallenge")
            .ProducesProblems(400, 413, 429)
            .WithSummary("A single-use nonce to sign for a role and participant id.");
        group.MapPost("/login", LoginAsync).WithName("LogIn")
            .ProducesProblems(400, 401, 403, 409)
            .WithSummary("Exchanges a signed nonce for a short-lived bearer token.");
        return app;
    }

    private static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> ChallengeAsync(ChallengeRequest request, HttpContext http, IClusterClient cluster,
        IOptions<ApiOptions> options, ChallengeBudget budget, TimeProvider time)
    {
        var fields = new RequestFields();
        string role = Role(fields, request.Role);
        string subject = fields.Id(request.Subject, "subject");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (!budget.TryOpen(time.GetUtcNow() + options.Value.ChallengeLifetime))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.ChallengeLifetime.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, "Too many logins are in progress; retry after the Retry-After seconds.");
        }
        while (true)
        {
            // 256 random bits: a collision is not expected, but one is simply drawn again.
            string nonce = Base64Url(RandomNumberGenerator.GetBytes(32));
            if (await cluster.GetGrain<ILoginChallengeGrain>(nonce).IssueAsync(role, subject, options.Value.ChallengeLifetime) is long expires)
            {
                return TypedResults.Ok(new ChallengeResponse(nonce, expires));
            }
        }
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, IOptions<ApiOptions> options,
        IClusterClient cluster, AdminKey admin, SystemParametersClient system, TokenIssuer tokens)
    {
        var fields = new RequestFields();
        string role = Role(fields, request.Role);
        string subject = fields.Id(request.Subject, "subject");
        fields.Require(!string.IsNullOrEmpty(request.Nonce) && request.Nonce.Length <= 64, "nonce", "'nonce' is required (as issued by /auth/challenge).");
        byte[] signature = fields.Base64(request.Signature, "signature");
        if (fields.Problem is { } problem)
        {
            return problem;
        }
        if (!await cluster.GetGrain<ILoginChallengeGrain>(request.Nonce).RedeemAsync(role, subject))
        {
            return Problems.Unauthorized("The challenge is unknown, already used, expired or was issued for another participant.");
        }
        SystemParameters? parameters = role == Roles.SmAdmin ? admin.Parameters : await system.FindAsync();
        if (parameters is null)
        {
            return Problems.NotSetUp();
        }
        if (role == Roles.SmAdmin && await system.FindAsync() is { } deployment && deployment.SecurityLevel > admin.Parameters.SecurityLevel)
        {
            return Problems.Unauthorized($"The sm-admin key is {admin.Parameters.SecurityLevel}-bit, below the deployment's {deployment.SecurityLevel}-bit level.");
        }
        PublicKey? key = await KeyOfAsync(parameters, role, subject, cluster, admin);
        // An unknown participant costs the same verification (against g itself), so timing does not tell who exists.
        string origin = options.Value.PublicOrigin is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
        bool verifies = SchnorrSignature.TryVerify(parameters, key ?? PublicKey.Decode(parameters, parameters.G.Encode()), SignaturePurpose.Login,
            LoginStatement.Encode(request.Nonce, role, subject, origin), signature);
        if (key is null || !verifies)
        {
            // The same answer for an unknown participant and a wrong signature: ids cannot be probed.
            return Problems.Unauthorized("The signature does not verify for this participant at this API's origin.");
        }
        if (await ParticipantKeys.RevokedAsync(cluster, role, subject))
        {
            return Problems.Forbidden($"The key of {role} '{subject}' has been revoked: he may not log in.");
        }
        if (role == Roles.Doctor && await ExpelledAsync(cluster, subject))
        {
            return Problems.Forbidden($"Doctor '{subject}' has been expelled (credit at or below the threshold): he may not log in.");
        }
        (string token, long expires) = tokens.Issue(role, subject);
        return TypedResults.Ok(new LoginResponse(token, expires));
    }

    private static async Task<PublicKey?> KeyOfAsync(SystemParameters parameters, string role, string subject, IClusterClient cluster, AdminKey admin)
    {
        if (role == Roles.SmAdmin)
        {
            return subject == admin.Id ? admin.Key : null;
        }
        byte[]? encoded = role switch
        {
            Roles.Hospital => await cluster.GetGrain<IOperatorKeyGrain>(subject).GetAsync(),
            Roles.Doctor => (await Participants.DoctorAsync(cluster, subject))?.PublicKey,
            _ => await cluster.GetGrain<IPatientGrain>(subject).GetPublicKeyAsync(),
        };
        return encoded is null ? null : PublicKey.Decode(parameters, encoded);
    }

    /// <summary>Whether the doctor's hospital has expelled him.</summary>
    private static async Task<bool> ExpelledAsync(IClusterClient cluster, string doctorId) =>
        await Participants.DoctorAsync(cluster, doctorId) is { } profile
        && await cluster.GetGrain<IHospitalGrain>(profile.HospitalId).GetDoctorAsync(doctorId) is { Expelled: true };

    private static string Role(RequestFields fields, string? role)
    {
        fields.Require(Roles.All.Contains(role), "role", $"'role' must be one of: {string.Join(", ", Roles.All)}.");
        return role ?? "";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
