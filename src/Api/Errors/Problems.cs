using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedChain.Api.Errors;

/// <summary>
/// The API's error answers as typed results: a ProblemDetails body (application/problem+json)
/// with the status, a title and a detail written for the caller.
/// </summary>
public static class Problems
{
    /// <summary>The answer before the sm-admin has set the system up.</summary>
    public const string NotSetUpDetail = "The system is not set up yet: an sm-admin must POST /system/setup first.";

    /// <summary>400: the input is malformed.</summary>
    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, detail);

    /// <summary>401: not authenticated.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => Of(StatusCodes.Status401Unauthorized, detail);

    /// <summary>403: the caller may not do this.</summary>
    public static ProblemHttpResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, detail);

    /// <summary>404: the named thing does not exist.</summary>
    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, detail);

    /// <summary>409: the request conflicts with the current state.</summary>
    public static ProblemHttpResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, detail);

    /// <summary>413: the body or record is too large.</summary>
    public static ProblemHttpResult TooLarge(string detail) => Of(StatusCodes.Status413PayloadTooLarge, detail);

    /// <summary>422: well-formed, but the content is invalid (a bad point, a failed check).</summary>
    public static ProblemHttpResult Unprocessable(string detail) => Of(StatusCodes.Status422UnprocessableEntity, detail);

    /// <summary>409 before the system is set up.</summary>
    public static ProblemHttpResult NotSetUp() => Conflict(NotSetUpDetail);

    /// <summary>A problem with this status and detail, and the status's title.</summary>
    public static ProblemHttpResult Of(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail, Extensions = extensions ?? new Dictionary<string, object?>() });

    /// <summary>The title every answer of a status carries.</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request body too large",
        415 => "Unsupported media type",
        422 => "Invalid content",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
