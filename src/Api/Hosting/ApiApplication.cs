using System.Threading.RateLimiting;
using MedChain.Api.Endpoints;
using MedChain.Api.Errors;
using MedChain.Api.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Scalar.AspNetCore;

namespace MedChain.Api.Hosting;

/// <summary>
/// Builds the API host: an Orleans client of the silo cluster behind a minimal API with key-based
/// login (JWT), role policies, ProblemDetails for every error, body limits, a per-caller rate
/// limiter, OpenAPI with Scalar, and liveness/readiness checks.
/// </summary>
public static class ApiApplication
{
    /// <summary>The default listening address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the application; options are read and validated here (a bad value fails start naming its key).</summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? DefaultUrl);
        ApiOptions api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        api.Validate();
        AdminKey admin = AdminKey.Parse(api.AdminId, api.AdminPublicKey);
        builder.Services.AddSingleton(admin);
        builder.Services.TryAddSingletonTimeProvider();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = api.MaxRequestBodyBytes);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = api.ClusterId;
                o.ServiceId = api.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = api.ClusterTimeout);
            if (string.Equals(api.Clustering, "Redis", StringComparison.OrdinalIgnoreCase))
            {
                client.UseRedisClustering(api.RedisConnectionString
                    ?? throw new InvalidOperationException("Api:RedisConnectionString is required when Api:Clustering is Redis."));
            }
            else if (string.Equals(api.Clustering, "Localhost", StringComparison.OrdinalIgnoreCase))
            {
                client.UseLocalhostClustering(api.GatewayPort, api.ServiceId, api.ClusterId);
            }
            else
            {
                throw new InvalidOperationException("Api:Clustering must be Localhost or Redis.");
            }
            // The silo may still be starting: keep trying for about two minutes before giving up.
            DateTime giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return !cancellation.IsCancellationRequested && DateTime.UtcNow < giveUpAt;
            });
        });

        builder.Services.AddSingleton<SchemeContext>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenIssuer>((o, tokens) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = tokens.ValidationParameters;
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    string detail = context.AuthenticateFailure switch
                    {
                        null => "A bearer token is required: POST /auth/challenge, sign the nonce, then POST /auth/login.",
                        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "The token has expired; log in again.",
                        _ => "The token is not valid.",
                    };
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
                },
                OnForbidden = context =>
                    WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The caller's role may not use this endpoint."),
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.SmAdmin, p => p.RequireRole(Roles.SmAdmin))
            .AddPolicy(Roles.Hospital, p => p.RequireRole(Roles.Hospital))
            .AddPolicy(Roles.Doctor, p => p.RequireRole(Roles.Doctor))
            .AddPolicy(Roles.Patient, p => p.RequireRole(Roles.Patient));

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                CallerKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = api.RateLimitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {api.RateLimitPerMinute} requests per minute per caller."));
            };
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((http, next) =>
        {
            // Kestrel's limit is the broadcasts'; every other endpoint gets the small one.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
                && http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyMetadata>() is null)
            {
                limit.MaxRequestBodySize = api.MaxSmallRequestBodyBytes;
            }
            return next(http);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/v1.json");
        app.MapScalarApiReference("/scalar", o => o.WithOpenApiRoutePattern("/openapi/v1.json"));
        // Probes are not rate-limited: an orchestrator polling them must not eat a caller's budget or be refused.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).DisableRateLimiting();
        app.MapSystem();
        app.MapAuth();
        app.MapHospitals();
        app.MapDoctors();
        app.MapPatients();
        app.MapSharing();
        app.MapMatching();
        return app;
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string title, string detail) =>
        ProblemExceptionHandler.WriteAsync(http, http.RequestServices.GetRequiredService<IProblemDetailsService>(), status, title, detail);

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Authenticated callers by role and id; anonymous ones by address.</summary>
    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? $"{http.User.FindFirst("role")?.Value}:{http.User.FindFirst("sub")?.Value}"
            : $"ip:{http.Connection.RemoteIpAddress}";
}
