using System.Net;
using System.Text;
using MedChain.Client.Sdk;

namespace MedChain.Client.Tests;

/// <summary>The typed client's handling of answers, with a scripted HTTP handler (no server).</summary>
public sealed class MedChainClientTests
{
    [Fact]
    public async Task A503IsRetriedAfterItsRetryAfterAndOtherErrorsBecomeProblems()
    {
        var handler = new ScriptedHandler(
            Unavailable(),
            Json(HttpStatusCode.OK, """{"reportId":"r1","hospitalId":"h","doctorId":"d","reason":"late","filedAtMs":1,"status":"pending"}"""),
            Json(HttpStatusCode.NotFound, """{"title":"Not found","status":404,"detail":"Hospital 'x' is not registered."}"""));
        var client = new MedChainClient(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1/") });

        DateTime before = DateTime.UtcNow;
        var report = await client.ReportAsync("d", "h", "late");
        TimeSpan waited = DateTime.UtcNow - before;
        MedChainApiException missing = await Assert.ThrowsAsync<MedChainApiException>(() => client.GetHospitalAsync("x"));

        Assert.Equal(("r1", "pending"), (report.ReportId, report.Status));
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(handler.Requests[0], handler.Requests[1]);
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"retried after {waited}");
        Assert.Equal((404, "Hospital 'x' is not registered."), (missing.Status, missing.Detail));
    }

    [Fact]
    public async Task AfterTheLastAttemptA503IsAnError()
    {
        var handler = new ScriptedHandler(Unavailable(), Unavailable());
        var client = new MedChainClient(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1/") }, maxAttempts: 2);

        MedChainApiException e = await Assert.ThrowsAsync<MedChainApiException>(() => client.GetHospitalAsync("h"));

        Assert.Equal(503, e.Status);
        Assert.Equal(2, handler.Requests.Count);
    }

    private static HttpResponseMessage Unavailable()
    {
        HttpResponseMessage r = Json(HttpStatusCode.ServiceUnavailable, """{"title":"Service unavailable","status":503}""");
        r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        return r;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Answers requests with the scripted responses in order and records "METHOD path body" of each.</summary>
    private sealed class ScriptedHandler(params HttpResponseMessage[] responses) : HttpMessageHandler
    {
        private int _next;

        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath} {body}");
            return responses[_next++];
        }
    }
}
