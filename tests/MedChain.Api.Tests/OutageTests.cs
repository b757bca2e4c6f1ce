using System.Net;
using System.Net.Http.Json;

namespace MedChain.Api.Tests;

/// <summary>A stack of its own, whose silo is killed under the API.</summary>
[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Outage";
}

[Collection(OutageCollection.Name)]
public sealed class OutageTests(ApiFixture stack)
{
    [Fact]
    public async Task WhenTheClusterIsGoneCallsAnswer503WithRetryAfterNever500()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress), Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready")).StatusCode);

        stack.Silo.Kill();
        await Task.Delay(500);
        HttpResponseMessage read = await http.GetAsync("hospitals/anything");
        HttpResponseMessage write = await http.PostAsJsonAsync("auth/challenge", new { role = "doctor", subject = "d" });
        HttpResponseMessage ready = await http.GetAsync("health/ready");
        HttpResponseMessage live = await http.GetAsync("health/live");

        foreach (HttpResponseMessage r in new[] { read, write })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
