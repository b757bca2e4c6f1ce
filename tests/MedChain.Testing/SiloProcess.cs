using System.Diagnostics;

namespace MedChain.Testing;

/// <summary>
/// A real MedChain silo process (src/Silo, built alongside the tests) on 127.0.0.1, alone or in a
/// multi-silo cluster; stopped, or killed like `kill -9`, by pid.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    /// <summary>The silo's health/dashboard port.</summary>
    public int HttpPort { get; }

    /// <summary>The silo-to-silo port (part of its SiloAddress).</summary>
    public int SiloPort { get; }

    /// <summary>The gateway port clients connect to.</summary>
    public int GatewayPort { get; private init; }

    /// <summary>
    /// Starts a silo of a multi-silo cluster, its membership in Azure Storage (the silos' own
    /// account) or in Redis at <paramref name="redis"/>, and waits until /health answers.
    /// </summary>
    public static Task<SiloProcess> StartClusteredAsync(MedChain.Hosting.ClusteringMode clustering, string? redis, string storage, string serviceId, string kek, int level) =>
        StartAsync(storage, serviceId, kek, level, new Dictionary<string, string>
        {
            ["Silo__Clustering"] = clustering.ToString(),
            ["Silo__RedisConnectionString"] = redis ?? "",
            ["MedChain__BlockInterval"] = "00:10:00",
        });

    /// <summary>Starts a single silo with localhost clustering (its own gateway port) and waits until /health answers.</summary>
    public static Task<SiloProcess> StartLocalAsync(string storage, string serviceId, string kek, int level, int blockSize, TimeSpan blockInterval,
        IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(storage, serviceId, kek, level, new Dictionary<string, string>
        {
            ["Silo__Clustering"] = "Localhost",
            ["MedChain__BlockSize"] = blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MedChain__BlockInterval"] = blockInterval.ToString(),
        }.Concat(settings ?? new Dictionary<string, string>()).ToDictionary());

    private static async Task<SiloProcess> StartAsync(string storage, string serviceId, string kek, int level, Dictionary<string, string> settings)
    {
        string dll = SiloAssembly();
        int httpPort = RedisProcess.FreePort();
        int siloPort = RedisProcess.FreePort();
        int gatewayPort = RedisProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Silo__StorageConnectionString"] = storage;
        start.Environment["Silo__ServiceId"] = serviceId;
        start.Environment["Silo__ClusterId"] = serviceId;
        start.Environment["Silo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MedChain__KeyEncryptionKey"] = kek;
        start.Environment["MedChain__SecurityLevel"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach ((string key, string value) in DeploymentCertificates.Shared.Settings("__"))
        {
            start.Environment[key] = value;
        }
        foreach ((string key, string value) in settings)
        {
            start.Environment[key] = value;
        }
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, httpPort, siloPort) { GatewayPort = gatewayPort };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/health")).IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await silo.DisposeAsync();
                throw new InvalidOperationException("The silo did not become healthy.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Kills the process at once (SIGKILL), like kill -9.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Stops the process by pid if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>src/Silo's build output in the same configuration as the running tests.</summary>
    public static string SiloAssembly()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string path = Path.Combine(NodeTool.RepositoryRoot(), "src", "Silo", "bin", configuration, "net10.0", "MedChain.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Silo first (the solution build does).", path);
    }
}
