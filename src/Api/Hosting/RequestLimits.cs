using System.Threading.RateLimiting;
using MedChain.Api.Errors;
using MedChain.Api.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Hosting;

/// <summary>
/// What one request may cost: body sizes (Kestrel's limit is the broadcasts'; every other endpoint
/// gets the small one); a fixed window of requests per minute per caller (token subject, else
/// client address) over all endpoints, and a tighter one on each costly endpoint (login, search,
/// share, broadcast, full audit: <see cref="Login"/>, <see cref="Search"/>, <see cref="Share"/>,
/// <see cref="Broadcast"/>, <see cref="FullAudit"/>), answered 429 with Retry-After; the client address behind the
/// configured reverse proxies (forwarded headers from them only).
/// </summary>
public static class RequestLimits
{
    /// <summary>The rate-limiting policy of the login endpoints (per client address).</summary>
    public const string Login = "login";

    /// <summary>The rate-limiting policy of searches (per caller).</summary>
    public const string Search = "search";

    /// <summary>The rate-limiting policy of shares (per caller).</summary>
    public const string Share = "share";

    /// <summary>The rate-limiting policy of broadcasts (per caller).</summary>
    public const string Broadcast = "broadcast";

    /// <summary>The rate-limiting policy of full chain audits (per caller): each validates every block.</summary>
    public const string FullAudit = "full-audit";

    /// <summary>Adds the body limits and the per-caller rate limiter from <see cref="ApiOptions"/>.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((k, api) => k.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((f, api) => f.MultipartBodyLengthLimit = api.Value.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
        {
            ApiOptions a = api.Value;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => PerMinute(CallerKey(http), a.RateLimitPerMinute));
            o.AddPolicy(Login, http => PerMinute("login:" + Address(http), a.LoginsPerMinute));
            o.AddPolicy(Search, http => PerMinute("search:" + CallerKey(http), a.SearchesPerMinute));
            o.AddPolicy(Share, http => PerMinute("share:" + CallerKey(http), a.SharesPerMinute));
            o.AddPolicy(Broadcast, http => PerMinute("broadcast:" + CallerKey(http), a.BroadcastsPerMinute));
            // An audit is incremental, except when asked for in full: only those are counted here.
            o.AddPolicy(FullAudit, http => string.Equals(http.Request.Query["full"], "true", StringComparison.OrdinalIgnoreCase)
                ? PerMinute("full-audit:" + CallerKey(http), a.FullAuditsPerMinute)
                : RateLimitPartition.GetNoLimiter("incremental-audit"));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ProblemExceptionHandler.WriteAsync(context.HttpContext,
                    context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
                    StatusCodes.Status429TooManyRequests, "Too many requests from this caller for this endpoint; retry after the Retry-After seconds."));
            };
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
        {
            // Only the configured proxies are believed; with none, the headers are not read at all
            // (the framework's defaults believe loopback, and any address once its lists are empty).
            string[] proxies = api.Value.KnownProxies;
            o.ForwardedHeaders = proxies.Length > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (string proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddSingleton<ChallengeBudget>();
        return builder;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    /// <summary>Lowers the body limit to <c>Api:MaxSmallRequestBodyBytes</c> on every endpoint without <see cref="LargeBodyMetadata"/>.</summary>
    public static IApplicationBuilder UseSmallBodiesExceptForRecords(this IApplicationBuilder app)
    {
        long small = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxSmallRequestBodyBytes;
        return app.Use((http, next) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
                && http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyMetadata>() is null)
            {
                limit.MaxRequestBodySize = small;
            }
            return next(http);
        });
    }

    /// <summary>Authenticated callers by role and id; anonymous ones by address.</summary>
    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? $"{http.User.FindFirst("role")?.Value}:{http.User.FindFirst("sub")?.Value}"
            : Address(http);

    /// <summary>The client's address (behind the known proxies, the one they forwarded).</summary>
    private static string Address(HttpContext http) => $"ip:{http.Connection.RemoteIpAddress}";
}
