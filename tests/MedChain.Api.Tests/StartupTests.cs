using MedChain.Api.Hosting;
using MedChain.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Tests;

/// <summary>A missing or bad setting stops the API or the silo at start, with a message that names its key.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Api:Clustering", "Consul")]
    [InlineData("Api:AdminPublicKey", "")]
    [InlineData("Api:AdminPublicKey", "bm90IGEga2V5")]
    [InlineData("Api:JwtSigningKey", "c2hvcnQ=")]
    [InlineData("Api:RateLimitPerMinute", "0")]
    [InlineData("Api:ClusterTimeout", "-00:00:01")]
    [InlineData("Api:RedisConnectionString", "")]
    [InlineData("Api:ClusteringConnectionString", "")]
    public async Task ABadApiSettingStopsItNamingTheKey(string key, string value)
    {
        using SecretKey admin = SecretKey.Generate(SystemParameters.Administration(80));
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{RedisProcess.FreePort()}",
            ["Api:AdminPublicKey"] = Convert.ToBase64String(admin.PublicKey.Encode()),
            ["Api:Clustering"] = key switch { "Api:RedisConnectionString" => "Redis", "Api:ClusteringConnectionString" => "AzureStorage", _ => "Localhost" },
            ["Logging:LogLevel:Default"] = "None",
        };
        foreach ((string tlsKey, string path) in DeploymentCertificates.Shared.Settings())
        {
            settings[tlsKey] = path;
        }
        settings[key] = value;
        Exception? failure = await Record.ExceptionAsync(async () =>
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            await using WebApplication app = builder.AddMedChainApi().Build().UseMedChainApi();
            await app.StartAsync();
            await app.StopAsync();
        });
        OptionsValidationException refused = Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains(key, refused.Message);
    }

    [Theory]
    [InlineData("Silo__Clustering", "Consul", "Silo:Clustering")]
    [InlineData("Silo__Clustering", "Redis", "Silo:RedisConnectionString")]
    [InlineData("Silo__StorageConnectionString", " ", "Silo:StorageConnectionString")]
    [InlineData("MedChain__KeyEncryptionKey", "c2hvcnQ=", "MedChain:KeyEncryptionKey")]
    [InlineData("MedChain__SecurityLevel", "96", "MedChain:SecurityLevel")]
    [InlineData("Silo__ServiceId", "Medchain_Prod", "Silo:ServiceId")]
    [InlineData("ClusterTls__CertificatePath", "(unset)", "ClusterTls:CertificatePath")]
    [InlineData("ClusterTls__AuthorityPath", "/nonexistent/authority.pem", "ClusterTls:AuthorityPath")]
    public async Task ABadSiloSettingStopsItNamingTheKey(string variable, string value, string key)
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{RedisProcess.FreePort()}",
            ["Silo__SiloPort"] = RedisProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = RedisProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MedChain__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        };
        foreach ((string tlsKey, string path) in DeploymentCertificates.Shared.Settings("__"))
        {
            environment[tlsKey] = path;
        }
        if (value == "(unset)")
        {
            environment.Remove(variable);
        }
        else
        {
            environment[variable] = value;
        }
        (int exit, string output, string error) = await NodeTool.RunAsync("dotnet", [SiloProcess.SiloAssembly()], Path.GetTempPath(), TimeSpan.FromMinutes(1), environment);
        Assert.NotEqual(0, exit);
        Assert.Contains(key, output + error);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("another authority")]
    public void AnApiWithoutUsableClusterCertificatesStopsNamingTheKey(string certificates)
    {
        using SecretKey admin = SecretKey.Generate(SystemParameters.Administration(80));
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{RedisProcess.FreePort()}",
            ["Api:AdminPublicKey"] = Convert.ToBase64String(admin.PublicKey.Encode()),
            ["Logging:LogLevel:Default"] = "None",
        };
        if (certificates == "another authority")
        {
            // This deployment's node certificate with a stranger's authority.
            settings["ClusterTls:CertificatePath"] = DeploymentCertificates.Shared.CertificatePath;
            settings["ClusterTls:KeyPath"] = DeploymentCertificates.Shared.KeyPath;
            settings["ClusterTls:AuthorityPath"] = DeploymentCertificates.Create("other-authority").AuthorityPath;
        }
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        ClusterTlsException refused = Assert.Throws<ClusterTlsException>(() => builder.AddMedChainApi());
        Assert.Contains("ClusterTls:CertificatePath", refused.Message);
    }

    /// <summary>Storage of the earlier state format stops a silo, saying what to do; the one-time setting moves it and the silo starts.</summary>
    [Fact]
    public async Task StateOfTheEarlierFormatStopsTheSiloUntilMovedOnce()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        string service = "earlier-" + Guid.NewGuid().ToString("N")[..8];
        var old = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, MedChain.Grains.Storage.EarlierStateFormat.ContainerName);
        await old.CreateIfNotExistsAsync();
        await old.GetBlobClient($"{service}/count/{Uri.EscapeDataString("counter/a")}").UploadAsync(BinaryData.FromString("""{"Value":1}"""));
        string kek = Convert.ToBase64String(new byte[32]);
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{RedisProcess.FreePort()}",
            ["Silo__SiloPort"] = RedisProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = RedisProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__StorageConnectionString"] = azurite.ConnectionString,
            ["Silo__ServiceId"] = service,
            ["Silo__ClusterId"] = service,
            ["MedChain__KeyEncryptionKey"] = kek,
        };
        foreach ((string tlsKey, string path) in DeploymentCertificates.Shared.Settings("__"))
        {
            environment[tlsKey] = path;
        }
        (int exit, string output, string error) = await NodeTool.RunAsync("dotnet", [SiloProcess.SiloAssembly()], Path.GetTempPath(), TimeSpan.FromMinutes(1), environment);
        Assert.NotEqual(0, exit);
        Assert.Contains("MedChain:MigrateStoredState", output + error);

        await using (await SiloProcess.StartLocalAsync(azurite.ConnectionString, service, kek, 128, 10, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["MedChain__MigrateStoredState"] = "true" }))
        {
            Assert.False(await new MedChain.Grains.Storage.EarlierStateFormat(azurite.ConnectionString, service).AnyAsync());
        }
    }
}
