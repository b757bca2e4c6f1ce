using MedChain.Client.Keys;
using MedChain.Load;
using Spectre.Console;

namespace MedChain.Api.Tests;

/// <summary>
/// The load driver against the test stack, bounded to a few hundred requests: every answer is
/// recorded by operation and status, nothing is a 5xx, and the check finds every acknowledged
/// record in exactly one sealed block with a valid receipt and consistent audits.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoadDriverTests(ApiFixture stack)
{
    [Fact]
    public async Task ABoundedRunAnswersNo5xxAndItsCheckPasses()
    {
        string dir = Directory.CreateTempSubdirectory("medchain-load-").FullName;
        try
        {
            string keystore = Path.Combine(dir, "sm-admin.json");
            Keystore.Save(keystore, new KeystoreIdentity("sm-admin", ApiFixture.AdminId, 80, true), stack.AdminKey, "load-test-passphrase");
            var options = new LoadOptions
            {
                Api = new Uri(stack.BaseAddress),
                AdminKeystore = keystore,
                AdminPassphrase = "load-test-passphrase",
                Hospitals = 2,
                DoctorsPerHospital = 2,
                PatientsPerHospital = 3,
                Concurrency = 4,
                Duration = TimeSpan.FromSeconds(20),
                MaxOperations = 300,
            };
            IAnsiConsole quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            LoadReport report = await new LoadRun(options, quiet).RunAsync(CancellationToken.None);

            // 300 operations at most, a history being two requests.
            Assert.InRange(report.Requests, 1, 600);
            Assert.Equal(0, report.Failures);
            Assert.Contains(report.Latencies, l => l.Operation == "broadcast" && l.Status == 200 && l.Count > 0);
            Assert.True(report.Verify.Acked > 0);
            Assert.True(report.Verify.Passed, string.Join("; ", report.Verify.Problems));
            Assert.Contains("| broadcast | 200 |", report.ToMarkdown());
            Assert.Contains("\"verify\"", report.ToJson());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ARunRefusesAnApiOffThisMachine()
    {
        var options = new LoadOptions { Api = new Uri("http://192.0.2.1:5080/"), AdminKeystore = "none", AdminPassphrase = "none" };
        await Assert.ThrowsAsync<ArgumentException>(() => new LoadRun(options, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) })).RunAsync(CancellationToken.None));
    }
}
