namespace MedChain.Api.Errors;

/// <summary>
/// A request the API refuses, with the HTTP status and a message that says what is wrong; turned
/// into a ProblemDetails answer by <see cref="ProblemExceptionHandler"/>.
/// </summary>
public sealed class ApiProblemException(int status, string detail) : Exception(detail)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>400: the input is malformed.</summary>
    public static ApiProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    /// <summary>403: the caller may not do this.</summary>
    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    /// <summary>404: the named thing does not exist.</summary>
    public static ApiProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    /// <summary>409: the request conflicts with the current state.</summary>
    public static ApiProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    /// <summary>422: well-formed, but the content is invalid (a bad point, a failed check).</summary>
    public static ApiProblemException Unprocessable(string detail) => new(StatusCodes.Status422UnprocessableEntity, detail);
}
