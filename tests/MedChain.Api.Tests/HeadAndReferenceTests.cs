using System.Net;
using System.Text.RegularExpressions;

namespace MedChain.Api.Tests;

/// <summary>
/// HEAD answers wherever GET does (same status and headers, no body), and the API reference page
/// works without any service outside this API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class HeadAndReferenceTests(ApiFixture stack)
{
    [Theory]
    [InlineData("anonymous", "system/parameters")]
    [InlineData("anonymous", "hospitals/{h1}")]
    [InlineData("anonymous", "hospitals/{h1}/blocks")]
    [InlineData("doctor", "hospitals/{h1}/blocks")]
    [InlineData("hospital", "hospitals/{h1}/blocks/0")]
    [InlineData("doctor", "hospitals/{h1}/blocks/0")]
    [InlineData("anonymous", "doctors/no-such-doctor")]
    [InlineData("anonymous", "scalar")]
    [InlineData("anonymous", "openapi/v1.json")]
    [InlineData("anonymous", "health/ready")]
    public async Task HeadAnswersAsGetWithoutTheBody(string caller, string path)
    {
        World w = await stack.SharedWorldAsync();
        path = path.Replace("{h1}", w.Ids["hospital"], StringComparison.Ordinal);
        using var http = new HttpClient();
        using HttpResponseMessage get = await http.SendAsync(w.Request(caller, HttpMethod.Get, path));
        using HttpResponseMessage head = await http.SendAsync(w.Request(caller, HttpMethod.Head, path));
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HeadIsNotAllowedWhereGetIsNot()
    {
        World w = await stack.SharedWorldAsync();
        using var http = new HttpClient();
        using HttpResponseMessage head = await http.SendAsync(w.Request("sm-admin", HttpMethod.Head, "system/setup"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }

    [Fact]
    public async Task TheReferencePageNamesNoOutsideService()
    {
        using var http = new HttpClient();
        string page = await http.GetStringAsync(stack.BaseAddress + "scalar");
        string[] outside = [.. AbsoluteUrl().Matches(page).Select(m => m.Groups["host"].Value).Where(h => h is not ("127.0.0.1" or "localhost")).Distinct()];
        Assert.True(outside.Length == 0, "the page calls " + string.Join(", ", outside));
        Assert.Contains("scalar.js", page);
        // The features that reach out are switched off in the page's configuration.
        foreach (string off in new[] { "\"telemetry\":false", "\"withDefaultFonts\":false", "\"hideClientButton\":true" })
        {
            Assert.Contains(off, page.Replace(" ", "", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"(?:https?:)?//(?<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}|127\.0\.0\.1|localhost)")]
    private static partial Regex AbsoluteUrl();
}
