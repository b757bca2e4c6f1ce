namespace MedChain.Api.Hosting;

/// <summary>
/// HEAD wherever GET is allowed (RFC 9110 §9.3.2): a HEAD request is routed, authorized and
/// answered as the GET it stands for, with the same status and headers, and its body dropped.
/// </summary>
public static class HeadRequests
{
    /// <summary>Runs HEAD requests as GET without a body; must come before routing.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        Stream body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
