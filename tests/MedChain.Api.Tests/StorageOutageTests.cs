using System.Net;

namespace MedChain.Api.Tests;

/// <summary>
/// Storage killed under a running stack (its own, not the shared one): every answer is a 503 with
/// Retry-After and a ProblemDetails that names no internal type, never a 500.
/// </summary>
public sealed class StorageOutageTests(ApiFixture stack) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task StorageGoneIsA503WithRetryAfterNeverA500()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress), Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("doctors/doctor-before")).StatusCode);
        await stack.Storage.KillAsync();

        // Each of these activates a grain whose state is in storage.
        foreach (string path in new[] { "doctors/doctor-after", "doctors/doctor-later" })
        {
            using HttpResponseMessage answer = await http.GetAsync(path);
            string body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{answer.StatusCode}: {body}");
            Assert.NotNull(answer.Headers.RetryAfter);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            foreach (string leak in new[] { "Azure.", "System.", "Orleans.", "MedChain.", "Exception" })
            {
                Assert.DoesNotContain(leak, body);
            }
        }
    }
}
