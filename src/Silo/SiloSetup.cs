using System.Net;
using MedChain.Grains.Hosting;
using MedChain.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace MedChain.Silo;

/// <summary>The silo host's composition: options checked at start, clustering, mutual TLS on the cluster's links, the MedChain grains and their storage, the dashboard.</summary>
public static class SiloSetup
{
    /// <summary>The default listening address of the silo's HTTP side (health, dashboard).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>Adds the silo, configured from <see cref="SiloHostOptions"/> (section "Silo") and the grains' own "MedChain" section.</summary>
    public static WebApplicationBuilder AddMedChainSilo(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? DefaultUrl);
        builder.Services.AddOptions<SiloHostOptions>().BindConfiguration(SiloHostOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
        ClusteringMode mode = ClusteringModes.Read(builder.Configuration, SiloHostOptions.Section, typeof(SiloHostOptions));
        builder.UseOrleans(orleans =>
        {
            IServiceCollection services = orleans.Services;
            if (mode == ClusteringMode.Redis)
            {
                orleans.UseRedisClustering(_ => { });
                services.AddOptions<RedisClusteringOptions>().Configure<IOptions<SiloHostOptions>>((o, silo) =>
                    o.ConfigurationOptions = ConfigurationOptions.Parse(silo.Value.RedisConnectionString!));
            }
            else if (mode == ClusteringMode.AzureStorage)
            {
                // The membership table beside the grains' state, on the same account.
                orleans.UseAzureStorageClustering(table => table.Configure<IOptions<SiloHostOptions>>((o, silo) =>
                    o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(silo.Value.StorageConnectionString)));
            }
            else
            {
                orleans.UseLocalhostClustering();
                services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<SiloHostOptions>>((o, silo) =>
                    o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, silo.Value.SiloPort));
            }
            services.AddOptions<ClusterOptions>().Configure<IOptions<SiloHostOptions>>((o, silo) => (o.ClusterId, o.ServiceId) = (silo.Value.ClusterId, silo.Value.ServiceId));
            services.AddOptions<EndpointOptions>().Configure<IOptions<SiloHostOptions>>((o, silo) =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                (o.SiloPort, o.GatewayPort) = (silo.Value.SiloPort, silo.Value.GatewayPort);
            });
            services.AddMedChainGrains();
            services.AddOptions<MedChainStorageOptions>().Configure<IOptions<SiloHostOptions>>((o, silo) =>
                (o.ConnectionString, o.ServiceId) = (silo.Value.StorageConnectionString, silo.Value.ServiceId));
            orleans.UseClusterTls(builder.Configuration, builder.Environment);
            orleans.AddDashboard();
        });
        builder.Services.AddHealthChecks();
        return builder;
    }
}
