using System.Net;
using MedChain.Grains.Hosting;
using MedChain.Silo;
using Orleans.Configuration;
using Orleans.Dashboard;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
SiloHostOptions silo = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5090");

builder.UseOrleans(orleans =>
{
    orleans.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = silo.ClusterId;
        o.ServiceId = silo.ServiceId;
    });
    if (string.Equals(silo.Clustering, "Redis", StringComparison.OrdinalIgnoreCase))
    {
        string redis = silo.RedisConnectionString
            ?? throw new InvalidOperationException("Silo:RedisConnectionString is required when Silo:Clustering is Redis.");
        orleans.UseRedisClustering(redis);
        orleans.ConfigureEndpoints(IPAddress.Loopback, silo.SiloPort, silo.GatewayPort);
    }
    else
    {
        orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort);
    }
    orleans.Services.AddMedChainGrains(silo.StorageConnectionString, silo.ServiceId);
    orleans.AddDashboard();
});
builder.Services.AddHealthChecks();

WebApplication app = builder.Build();
app.MapHealthChecks("/health");
app.MapOrleansDashboard("/dashboard");
app.Run();
