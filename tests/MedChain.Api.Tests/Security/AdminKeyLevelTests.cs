using System.Net;
using System.Security.Cryptography;
using MedChain.Api.Hosting;
using MedChain.Client.Sdk;
using MedChain.Protocol.Keys;
using MedChain.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace MedChain.Api.Tests.Security;

/// <summary>Issue 11 §10: an sm-admin key weaker than the cluster's level cannot set it up (an 80-bit key would be the weakest link of a 128-bit system).</summary>
public sealed class AdminKeyLevelTests
{
    [Fact]
    public async Task AnEightyBitAdminKeyCannotSetUpAHundredTwentyEightBitCluster()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        string service = "level-" + Guid.NewGuid().ToString("N")[..10];
        await using SiloProcess silo = await SiloProcess.StartLocalAsync(azurite.ConnectionString, service, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), 128, 10, TimeSpan.FromMinutes(1));
        using SecretKey admin = SecretKey.Generate(SystemParameters.Administration(80));
        string url = $"http://127.0.0.1:{RedisProcess.FreePort()}";
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(DeploymentCertificates.Shared.Settings().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Api:AdminPublicKey"] = Convert.ToBase64String(admin.PublicKey.Encode()),
            ["Api:GatewayPort"] = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:ServiceId"] = service,
            ["Api:ClusterId"] = service,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using WebApplication api = builder.AddMedChainApi().Build().UseMedChainApi();
        await api.StartAsync();

        MedChainClient client = MedChainClient.Create(url + "/");
        await client.LoginAsync("sm-admin", "admin", admin);
        MedChainApiException refused = await Assert.ThrowsAsync<MedChainApiException>(() => client.SetupAsync());
        Assert.Equal((int)HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("80-bit", refused.Detail);
        Assert.Null(await client.FindParametersAsync());
        await api.StopAsync();
    }
}
