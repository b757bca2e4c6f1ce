using System.Threading.RateLimiting;
using MedChain.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Hosting;

/// <summary>
/// What one request may cost: body sizes (Kestrel's limit is the broadcasts'; every other endpoint
/// gets the small one) and a fixed window of requests per minute per caller (token subject, else
/// client address), answered 429 with Retry-After.
/// </summary>
public static class RequestLimits
{
    /// <summary>Adds the body limits and the per-caller rate limiter from <see cref="ApiOptions"/>.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((k, api) => k.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((f, api) => f.MultipartBodyLengthLimit = api.Value.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
        {
            int perMinute = api.Value.RateLimitPerMinute;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                CallerKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ProblemExceptionHandler.WriteAsync(context.HttpContext,
                    context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
                    StatusCodes.Status429TooManyRequests, $"At most {perMinute} requests per minute per caller."));
            };
        });
        return builder;
    }

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
            : $"ip:{http.Connection.RemoteIpAddress}";
}
