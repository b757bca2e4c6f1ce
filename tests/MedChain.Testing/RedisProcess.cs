using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MedChain.Testing;

/// <summary>A redis-server (Debian package, installed by infra/test.sh) on a free 127.0.0.1 port, no persistence, stopped by pid.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private Process? _process;

    /// <summary>"127.0.0.1:port".</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Starts the server (installing the Debian package first when missing and running as root) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await EnsureInstalledAsync();
        int port = FreePort();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // A password of its own, as a deployment's Redis has (the membership table is the cluster's address book).
        string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        foreach (string arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no", "--requirepass", password })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed? infra/test.sh installs it).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port},password={password}";
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the server by pid.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static async Task EnsureInstalledAsync()
    {
        bool present = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => File.Exists(Path.Combine(dir, "redis-server")));
        if (present || Environment.UserName != "root")
        {
            return;
        }
        foreach (string args in new[] { "update -qq", "install -y -qq redis-server" })
        {
            var start = new ProcessStartInfo("apt-get", args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using Process apt = Process.Start(start) ?? throw new InvalidOperationException("apt-get did not start.");
            Task<string> output = apt.StandardOutput.ReadToEndAsync();
            Task<string> error = apt.StandardError.ReadToEndAsync();
            await apt.WaitForExitAsync();
            if (apt.ExitCode != 0)
            {
                throw new InvalidOperationException($"apt-get {args} failed: {await error}{await output}");
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
