using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.Api.Errors;

/// <summary>
/// Turns every failure into a ProblemDetails answer: refusals with their status and message, bad
/// bodies (malformed JSON, oversize) with the framework's status and the reason, invalid encodings
/// as 422, the cluster being unreachable or slow as 503 with Retry-After. Grains refuse with
/// ArgumentException (400) and InvalidOperationException (409), whose messages are written for
/// callers. Anything else, including the API's own integrity failures (InvalidDataException), is a
/// 500 that says nothing about the internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying when the cluster is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title, string detail) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled failure on {Path}.", context.Request.Path);
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("The cluster did not answer on {Path}: {Kind}.", context.Request.Path, exception.GetType().Name);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await WriteAsync(context, problems, status, title, detail);
        return true;
    }

    /// <summary>
    /// Writes a ProblemDetails answer; as plain application/problem+json when the problem details
    /// service declines (a client whose Accept header leaves JSON out still gets the problem, not a 500).
    /// </summary>
    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }

    private static (int Status, string Title, string Detail) Classify(Exception e) => e switch
    {
        ApiProblemException p => (p.Status, TitleOf(p.Status), p.Message),
        RefusalException r => r.Kind switch
        {
            Refusal.NotFound => (404, TitleOf(404), r.Message),
            Refusal.Conflict => (409, TitleOf(409), r.Message),
            _ => (422, TitleOf(422), r.Message),
        },
        BadHttpRequestException b => (b.StatusCode, TitleOf(b.StatusCode), b.InnerException is null ? b.Message : $"{b.Message} {b.InnerException.Message}"),
        EncodingException enc => (StatusCodes.Status422UnprocessableEntity, TitleOf(422), enc.Message),
        TimeoutException or OperationCanceledException or OrleansException =>
            (StatusCodes.Status503ServiceUnavailable, TitleOf(503), "The cluster is unavailable or did not answer in time; retry later."),
        InvalidDataException => (StatusCodes.Status500InternalServerError, TitleOf(500), "An unexpected error occurred."),
        ArgumentException a => (StatusCodes.Status400BadRequest, TitleOf(400), a.ParamName is null ? a.Message : a.Message.Replace($" (Parameter '{a.ParamName}')", "")),
        InvalidOperationException i => (StatusCodes.Status409Conflict, TitleOf(409), i.Message),
        _ => (StatusCodes.Status500InternalServerError, TitleOf(500), "An unexpected error occurred."),
    };

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request body too large",
        415 => "Unsupported media type",
        422 => "Invalid content",
        503 => "Service unavailable",
        _ => "Error",
    };
}
