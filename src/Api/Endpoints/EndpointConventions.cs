namespace MedChain.Api.Endpoints;

/// <summary>Conventions the endpoint maps share.</summary>
internal static class EndpointConventions
{
    /// <summary>Declares the problem answers (application/problem+json) an endpoint gives, beside those every endpoint can give (401/403/429/503, added by the document).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (int status in statuses)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }
}
