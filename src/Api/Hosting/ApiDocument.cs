using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedChain.Api.Hosting;

/// <summary>
/// The OpenAPI document (/openapi/v1.json): info and licence, one server without a trailing slash,
/// tag descriptions, the bearer scheme with each operation's security, and the problem answers
/// every operation can give (401/403 where a token is needed, 429, 503) beside those its endpoint
/// declares. The test suite lints it with redocly's recommended rules.
/// </summary>
public static class ApiDocument
{
    /// <summary>The security scheme's key in components.securitySchemes.</summary>
    public const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["System"] = "The system manager's public parameters, their one-time setup and the proxy's access log.",
        ["Auth"] = "Key-based login: a single-use nonce to sign with the participant's private key, then a short-lived bearer token.",
        ["Hospitals"] = "Hospital admission, public identity and credit, the chain's blocks, audit and receipts.",
        ["Doctors"] = "Doctor registration, public profiles, record broadcasts and reports.",
        ["Patients"] = "Patient registration, record search and consents.",
        ["Sharing"] = "Re-encrypted record sharing between doctors.",
        ["Checkpoints"] = "Signed checkpoints of every chain and access log, their proofs, and the cosignatures of registered witnesses.",
        ["Matching"] = "The relay for patient-to-patient matching sessions.",
    };

    /// <summary>Adds the document with its transformers.</summary>
    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(TransformDocumentAsync);
            options.AddOperationTransformer(TransformOperationAsync);
        });
        return builder;
    }

    private static Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MedChain API",
            Version = "v1",
            Description = "MedChain: encrypted medical records on per-hospital private chains, keyword search by the patient, and consent-based sharing through proxy re-encryption (Liu et al., IEEE Access 2019).",
            License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") },
        };
        // The framework derives the server from the request ("http://host:port/"); redocly wants no trailing slash.
        string? origin = context.ApplicationServices.GetService<Microsoft.Extensions.Options.IOptions<ApiOptions>>()?.Value.PublicOrigin;
        document.Servers = origin is { Length: > 0 }
            ? [new OpenApiServer { Url = origin.TrimEnd('/') }]
            : [.. (document.Servers ?? []).Select(s => new OpenApiServer { Url = s.Url?.TrimEnd('/'), Description = s.Description }).Take(1)];
        foreach (OpenApiTag tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out string? description))
            {
                tag.Description = description;
            }
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /auth/login.",
        };
        return Task.CompletedTask;
    }

    private static async Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IList<object> metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // The same rule as the authorization middleware: any [AllowAnonymous] wins over any [Authorize].
        bool requiresAuth = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        // An empty list is written as "security: []" (explicitly public), which redocly's security-defined accepts.
        operation.Security = requiresAuth
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
            : [];
        operation.Responses ??= new OpenApiResponses();
        if (requiresAuth)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Missing, invalid or expired bearer token.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "The caller's role or identity may not use this endpoint.", cancellationToken);
        }
        // The global rate limiter covers every documented endpoint (only the health probes opt out, and they are not in the document).
        await AddProblemAsync(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests from this caller; retry after the Retry-After seconds.", cancellationToken);
        await AddProblemAsync(operation, context, StatusCodes.Status503ServiceUnavailable, "The cluster is unavailable or did not answer in time; retry after the Retry-After seconds.", cancellationToken);
    }

    /// <summary>Adds an application/problem+json response referencing components.schemas.ProblemDetails, unless the status is already described.</summary>
    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken cancellationToken)
    {
        string key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key) || context.Document is not { } document)
        {
            return;
        }
        // AddComponent only adds when the id is new: the framework's own ProducesProblem responses use the same id and reuse it.
        document.AddComponent<IOpenApiSchema>(ProblemSchemaId, await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken));
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchemaId, document) },
            },
        };
    }

    private const string ProblemSchemaId = "ProblemDetails";
}
