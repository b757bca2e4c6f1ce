using MedChain.Client.Demo;
using Spectre.Console;

namespace MedChain.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DemoTests(ApiFixture stack)
{
    [Fact]
    public async Task TheWholeScenarioPassesOverHttp()
    {
        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });

        int exit = await new DemoScenario(stack.BaseAddress, stack.AdminKey, ApiFixture.AdminId, console).RunAsync();

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("demo passed: 9 phases", output.ToString().Replace("\n", " "));
    }
}
