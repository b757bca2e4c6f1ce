using System.Net;
using Microsoft.AspNetCore.Builder;

namespace MedChain.Api.Tests;

/// <summary>ASP.NET Core's rate limiter, per caller, on a second API instance with a budget of 5 per minute.</summary>
[Collection(ApiCollection.Name)]
public sealed class RateLimitTests(ApiFixture stack)
{
    [Fact]
    public async Task TheRateLimiterRefusesACallerOverItsBudgetWithAProblem()
    {
        (WebApplication app, string baseAddress) = await stack.StartApiAsync(stack.Silo.GatewayPort, ("Api:RateLimitPerMinute", "5"));
        await using WebApplication _ = app;
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            statuses.Add((await http.GetAsync("hospitals/anything")).StatusCode);
        }
        HttpResponseMessage refused = await http.GetAsync("hospitals/anything");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        // Another caller (the sm-admin, by token) has a budget of its own.
        using var request = new HttpRequestMessage(HttpMethod.Get, "hospitals/anything");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.Create(stack.JwtKey, "medchain-api", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
        await app.StopAsync();
    }
}
