using System.Text.Json;
using MedChain.Crypto.Encoding;
using MedChain.GrainInterfaces.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.Api.Errors;

/// <summary>
/// Turns what escapes a handler into a ProblemDetails answer: a grain's <see cref="RefusalException"/>
/// with its status and message (written for callers); a body the framework could not read with the
/// framework's status and where the body is wrong (never the serializer's message, which names .NET
/// types); an encoding the protocol refused as 422; the cluster or its storage being unreachable or
/// slow as 503 with Retry-After (silos turn storage failures into <see cref="StorageUnavailableException"/>). Anything else is a 500 that says nothing about the internals.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying when the cluster is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string detail) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled failure on {Path}.", context.Request.Path);
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("The cluster did not answer on {Path}: {Kind}.", context.Request.Path, exception.GetType().Name);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await WriteAsync(context, problems, status, detail);
        return true;
    }

    /// <summary>
    /// Writes a ProblemDetails answer; as plain application/problem+json when the problem details
    /// service declines (a client whose Accept header leaves JSON out still gets the problem, not a 500).
    /// </summary>
    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = Problems.TitleOf(status), Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
        }
    }

    private static (int Status, string Detail) Classify(Exception e) => e switch
    {
        RefusalException r => (r.Kind switch
        {
            Refusal.NotFound => StatusCodes.Status404NotFound,
            Refusal.Conflict => StatusCodes.Status409Conflict,
            Refusal.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status422UnprocessableEntity,
        }, r.Message),
        BadHttpRequestException b => (b.StatusCode, BadBody(b)),
        EncodingException enc => (StatusCodes.Status422UnprocessableEntity, enc.Message),
        StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The storage is unavailable; nothing was changed, retry later."),
        TimeoutException or OperationCanceledException or OrleansException =>
            (StatusCodes.Status503ServiceUnavailable, "The cluster is unavailable or did not answer in time; retry later."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    /// <summary>What is wrong with a body the framework could not read, in words of the API (the JSON path, not a type).</summary>
    private static string BadBody(BadHttpRequestException b) => b switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than this endpoint accepts.",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "The request body must be JSON (Content-Type: application/json).",
        { InnerException: JsonException { Path: { Length: > 1 } path } } => $"The body is not valid JSON for this request: the value at '{path}' is malformed or of the wrong type.",
        { InnerException: JsonException } => "The body is not valid JSON for this request.",
        _ when b.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) => "The body is not valid JSON for this request.",
        _ when ParameterName().Match(b.Message) is { Success: true } m => $"The parameter '{m.Groups[1].Value}' is missing or not valid.",
        _ => "The request is malformed.",
    };

    /// <summary>The parameter's name in the framework's "Failed to bind parameter \"long from\" ..." and "Required parameter \"string x\" ...".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("parameter \"[^\" ]+ ([A-Za-z0-9_]+)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();
}
