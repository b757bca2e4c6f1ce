namespace MedChain.Client.Sdk;

/// <summary>An error answer from the API: its status and the ProblemDetails title and detail.</summary>
public sealed class MedChainApiException(int status, string? title, string? detail)
    : Exception($"{status} {title}: {detail}")
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>The problem's title.</summary>
    public string? Title { get; } = title;

    /// <summary>What was wrong, as the API said it.</summary>
    public string? Detail { get; } = detail;
}
