using System.Text.Json;
using MedChain.Testing;

namespace MedChain.Api.Tests;

/// <summary>The API's OpenAPI document passes redocly's recommended rules (infra/openapi) without an error or a warning.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture stack)
{
    [Fact]
    public async Task RedoclyFindsNoErrorAndNoWarning()
    {
        string cli = await NodeTool.InstallAsync("openapi", Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"));
        using var http = new HttpClient();
        string document = Path.Combine(Directory.CreateTempSubdirectory("medchain-openapi-").FullName, "v1.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync(stack.BaseAddress + "openapi/v1.json"));
        // Run from infra/openapi, whose redocly.yaml extends the recommended rules.
        string folder = Path.Combine(NodeTool.RepositoryRoot(), "infra", "openapi");

        (int exit, string output, string error) = await NodeTool.RunAsync("node", [cli, "lint", document, "--format", "json"], folder, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

        using JsonDocument report = JsonDocument.Parse(output);
        JsonElement totals = report.RootElement.GetProperty("totals");
        string[] problems = [.. report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("ruleId").GetString()} ({p.GetProperty("severity").GetString()}): {p.GetProperty("message").GetString()}")];
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
            $"redocly (exit {exit}) found:\n{string.Join("\n", problems)}\n{error}");
        Assert.Equal(0, exit);
        Directory.Delete(Path.GetDirectoryName(document)!, recursive: true);
    }
}
