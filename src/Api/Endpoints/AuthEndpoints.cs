using System.Security.Cryptography;
using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using MedChain.Api.Security;
using MedChain.GrainInterfaces;
using MedChain.Contracts;
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
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/challenge", ChallengeAsync).WithSummary("A single-use nonce to sign for a role and participant id.");
        group.MapPost("/login", LoginAsync).WithSummary("Exchanges a signed nonce for a short-lived bearer token.");
    }

    private static async Task<Ok<ChallengeResponse>> ChallengeAsync(ChallengeRequest request, IClusterClient cluster, IOptions<ApiOptions> options)
    {
        string role = RoleOf(request.Role);
        string subject = SchemeContext.Id(request.Subject, "subject");
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

    private static async Task<Ok<LoginResponse>> LoginAsync(LoginRequest request, HttpContext http, IOptions<ApiOptions> options, IClusterClient cluster,
        AdminKey admin, SchemeContext scheme, TokenIssuer tokens)
    {
        string role = RoleOf(request.Role);
        string subject = SchemeContext.Id(request.Subject, "subject");
        if (string.IsNullOrEmpty(request.Nonce) || request.Nonce.Length > 64)
        {
            throw ApiProblemException.BadRequest("'nonce' is required (as issued by /auth/challenge).");
        }
        byte[] signature = SchemeContext.Base64(request.Signature, "signature");
        if (!await cluster.GetGrain<ILoginChallengeGrain>(request.Nonce).RedeemAsync(role, subject))
        {
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, "The challenge is unknown, already used, expired or was issued for another participant.");
        }
        (SystemParameters parameters, PublicKey? key) = await KeyOfAsync(role, subject, cluster, admin, scheme);
        // An unknown participant costs the same verification (against g itself), so timing does not tell who exists.
        string origin = options.Value.PublicOrigin is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
        bool verifies = SchnorrSignature.TryVerify(parameters, key ?? PublicKey.Decode(parameters, parameters.G.Encode()), SignaturePurpose.Login,
            LoginStatement.Encode(request.Nonce, role, subject, origin), signature);
        if (key is null || !verifies)
        {
            // The same answer for an unknown participant and a wrong signature: ids cannot be probed.
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, "The signature does not verify for this participant at this API's origin.");
        }
        (string token, long expires) = tokens.Issue(role, subject);
        return TypedResults.Ok(new LoginResponse(token, expires));
    }

    private static async Task<(SystemParameters, PublicKey?)> KeyOfAsync(string role, string subject, IClusterClient cluster, AdminKey admin, SchemeContext scheme)
    {
        if (role == Roles.SmAdmin)
        {
            return (admin.Parameters, subject == admin.Id ? admin.Key : null);
        }
        SystemParameters p = await scheme.RequireAsync();
        byte[]? encoded = role switch
        {
            Roles.Hospital => await cluster.GetGrain<IOperatorKeyGrain>(subject).GetAsync(),
            Roles.Doctor => (await cluster.GetGrain<IDoctorGrain>(subject).GetProfileAsync())?.PublicKey,
            _ => await cluster.GetGrain<IPatientGrain>(subject).GetPublicKeyAsync(),
        };
        return (p, encoded is null ? null : PublicKey.Decode(p, encoded));
    }

    private static string RoleOf(string? role) =>
        Roles.All.Contains(role) ? role! : throw ApiProblemException.BadRequest($"'role' must be one of: {string.Join(", ", Roles.All)}.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
