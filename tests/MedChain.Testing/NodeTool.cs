using System.Diagnostics;

namespace MedChain.Testing;

/// <summary>The npm packages the tests use, each kept in a folder of infra/ with its lock file, and running their commands.</summary>
public static class NodeTool
{
    /// <summary>
    /// The path of <paramref name="entry"/> inside infra/<paramref name="folder"/>, after installing
    /// the folder's packages with <c>npm ci</c> when the entry is missing.
    /// </summary>
    public static async Task<string> InstallAsync(string folder, string entry)
    {
        string directory = Path.Combine(RepositoryRoot(), "infra", folder);
        string path = Path.Combine(directory, entry);
        if (!File.Exists(path))
        {
            (int exit, string output, string error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
            if (exit != 0)
            {
                throw new InvalidOperationException($"npm ci in infra/{folder} failed ({exit}): {error}{output}");
            }
        }
        return path;
    }

    /// <summary>Runs a command to its end (killed after <paramref name="timeout"/>); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, string directory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The folder holding MedChain.sln, found from the test binaries upwards.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "MedChain.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("MedChain.sln not found above the test binaries.");
    }
}
