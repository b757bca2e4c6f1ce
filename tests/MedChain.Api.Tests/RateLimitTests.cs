using System.Net.Http.Json;
using MedChain.Contracts;
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

    [Fact]
    public async Task FullAuditsHaveABudgetOfTheirOwnAndIncrementalOnesDoNotCountAgainstIt()
    {
        World w = await stack.SharedWorldAsync();
        string h1 = w.Ids["hospital"];
        using var http = new HttpClient();
        async Task<HttpResponseMessage> AuditAsync(string query) => await http.SendAsync(w.Request("hospital", HttpMethod.Get, $"hospitals/{h1}/audit{query}"));
        // The default budget: two full audits a minute per caller.
        Assert.Equal(HttpStatusCode.OK, (await AuditAsync("?full=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuditAsync("?full=true")).StatusCode);
        using HttpResponseMessage refused = await AuditAsync("?full=true");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var audits = new List<AuditInfo>();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage incremental = await AuditAsync("");
            Assert.Equal(HttpStatusCode.OK, incremental.StatusCode);
            audits.Add((await incremental.Content.ReadFromJsonAsync<AuditInfo>())!);
        }
        // Once one was consistent, the next validates only what was sealed since (other tests may seal meanwhile).
        Assert.Contains(audits, a => a.Consistent && a.ValidatedFrom > 0);
    }

    [Fact]
    public async Task LoginsHaveATighterBudgetPerAddressAndOpenChallengesACap()
    {
        (WebApplication app, string baseAddress) = await stack.StartApiAsync(stack.Silo.GatewayPort, ("Api:LoginsPerMinute", "3"));
        await using WebApplication _ = app;
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        HttpStatusCode[] statuses = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            (await http.PostAsJsonAsync("auth/challenge", new ChallengeRequest("doctor", "someone"))).StatusCode))];
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        // The other endpoints keep their budget.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("hospitals/anything")).StatusCode);
        await app.StopAsync();

        (WebApplication capped, string cappedAddress) = await stack.StartApiAsync(stack.Silo.GatewayPort, ("Api:MaxOpenChallenges", "2"));
        await using WebApplication __ = capped;
        using var client = new HttpClient { BaseAddress = new Uri(cappedAddress) };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("auth/challenge", new ChallengeRequest("doctor", "a"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("auth/challenge", new ChallengeRequest("doctor", "b"))).StatusCode);
        HttpResponseMessage full = await client.PostAsJsonAsync("auth/challenge", new ChallengeRequest("doctor", "c"));
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        Assert.Contains("in progress", await full.Content.ReadAsStringAsync());
        await capped.StopAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CallersBehindAKnownProxyGetBucketsOfTheirOwnAndForgedHeadersAreIgnored(bool proxyKnown)
    {
        (string, string)[] settings = proxyKnown
            ? [("Api:RateLimitPerMinute", "3"), ("Api:KnownProxies:0", "127.0.0.1")]
            : [("Api:RateLimitPerMinute", "3")];
        (WebApplication app, string baseAddress) = await stack.StartApiAsync(stack.Silo.GatewayPort, settings);
        await using WebApplication _ = app;
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        async Task<HttpStatusCode> FromAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "hospitals/anything");
            request.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(request)).StatusCode;
        }
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await FromAsync("10.0.0.1"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await FromAsync("10.0.0.1"));
        // Behind the known proxy another client has his own budget; from an unknown one the header is nobody's word.
        Assert.Equal(proxyKnown ? HttpStatusCode.NotFound : HttpStatusCode.TooManyRequests, await FromAsync("10.0.0.2"));
        await app.StopAsync();
    }
}
