using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MedChain.Testing;

/// <summary>
/// Runs Azurite (the Azure Storage emulator, npm package kept in infra/azurite with its lock file)
/// for the tests: installs it with `npm ci` when missing, starts it on free 127.0.0.1 ports with a
/// temporary data folder, waits until it answers, and stops it by pid at the end.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The account of this emulator, with a key of its own (not Azurite's published development one).</summary>
    private const string Account = "medchain";

    private readonly string _accountKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    private Process? _process;
    private string? _dataDirectory;

    /// <summary>Connection string of the running emulator (blob and table endpoints).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>CPU time the emulator's process has used so far (for benchmarks that share its cores).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Installs (when missing) and starts Azurite; returns when it answers.</summary>
    public async Task StartAsync()
    {
        string script = await NodeTool.InstallAsync("azurite", Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js"));
        int blobPort = FreePort();
        int queuePort = FreePort();
        int tablePort = FreePort();
        _dataDirectory = Directory.CreateTempSubdirectory("medchain-azurite-").FullName;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{_accountKey}";
        foreach (string arg in new[]
        {
            script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--location", _dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={_accountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using HttpResponseMessage _ = await http.GetAsync($"http://127.0.0.1:{blobPort}/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Kills the emulator at once (as kill -9 would), keeping its data folder; storage is gone until a new start.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops Azurite by pid and removes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
