using MedChain.Api.Errors;
using MedChain.Api.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Security;

/// <summary>Key-based login: the API's own short-lived JWTs, the four role policies, and ProblemDetails for 401 and 403.</summary>
public static class KeyLoginSetup
{
    /// <summary>Adds the admin key, the token issuer, bearer authentication and the role policies.</summary>
    public static WebApplicationBuilder AddKeyLogin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => AdminKey.From(sp.GetRequiredService<IOptions<ApiOptions>>()));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenIssuer>((o, tokens) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = tokens.ValidationParameters;
            o.Events = new JwtBearerEvents
            {
                // A token outlives nothing the sm-admin revoked: each request of a doctor or patient asks his grain.
                OnTokenValidated = async context =>
                {
                    if (context.Principal is { } user && await ParticipantKeys.TokenRevokedAsync(
                        context.HttpContext.RequestServices.GetRequiredService<IClusterClient>(), user.FindFirst("role")?.Value, user.Subject()))
                    {
                        context.Fail(new RevokedKeyException());
                    }
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    string detail = context.AuthenticateFailure switch
                    {
                        null => "A bearer token is required: POST /auth/challenge, sign the nonce, then POST /auth/login.",
                        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "The token has expired; log in again.",
                        RevokedKeyException => "The participant's key has been revoked: his tokens no longer admit him.",
                        _ => "The token is not valid.",
                    };
                    await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, detail);
                },
                OnForbidden = context => WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "The caller's role may not use this endpoint."),
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.SmAdmin, p => p.RequireRole(Roles.SmAdmin))
            .AddPolicy(Roles.Hospital, p => p.RequireRole(Roles.Hospital))
            .AddPolicy(Roles.Doctor, p => p.RequireRole(Roles.Doctor))
            .AddPolicy(Roles.Patient, p => p.RequireRole(Roles.Patient));
        return builder;
    }

    /// <summary>The failure of a token whose participant's key was revoked.</summary>
    private sealed class RevokedKeyException() : Exception("revoked");

    private static Task WriteAsync(HttpContext http, int status, string detail) =>
        ProblemExceptionHandler.WriteAsync(http, http.RequestServices.GetRequiredService<IProblemDetailsService>(), status, detail);
}
