namespace MedChain.Api.Errors;

/// <summary>Every error answer as ProblemDetails: the problem details service and the exception handler.</summary>
public static class ProblemResponses
{
    /// <summary>Adds ProblemDetails, <see cref="ProblemExceptionHandler"/>, and bad bodies thrown as exceptions (so that it can say where a body is wrong).</summary>
    public static WebApplicationBuilder AddProblemResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }
}
