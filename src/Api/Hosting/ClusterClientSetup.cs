using System.Net;
using MedChain.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace MedChain.Api.Hosting;

/// <summary>The API as an Orleans client of the silo cluster, configured from <see cref="ApiOptions"/>.</summary>
public static class ClusterClientSetup
{
    /// <summary>
    /// Adds the cluster client: the cluster's ids, the call timeout after which the API answers 503,
    /// the gateways (a local silo, or the membership table in Azure Storage or Redis), mutual TLS to them, and two minutes of connection retries at
    /// start (the silo may still be starting).
    /// </summary>
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        ClusteringMode mode = ClusteringModes.Read(builder.Configuration, ApiOptions.Section, typeof(ApiOptions));
        builder.UseOrleansClient(client =>
        {
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
                (o.ClusterId, o.ServiceId) = (api.Value.ClusterId, api.Value.ServiceId));
            client.Services.AddOptions<ClientMessagingOptions>().Configure<IOptions<ApiOptions>>((o, api) => o.ResponseTimeout = api.Value.ClusterTimeout);
            if (mode == ClusteringMode.Redis)
            {
                client.UseRedisClustering(_ => { });
                client.Services.AddOptions<RedisClusteringOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
                    o.ConfigurationOptions = ConfigurationOptions.Parse(api.Value.RedisConnectionString!));
            }
            else if (mode == ClusteringMode.AzureStorage)
            {
                client.UseAzureStorageClustering(gateways => gateways.Configure<IOptions<ApiOptions>>((o, api) =>
                    o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(api.Value.ClusteringConnectionString)));
            }
            else
            {
                client.UseStaticClustering(gateways => gateways.Configure<IOptions<ApiOptions>>((o, api) =>
                    o.Gateways = [new IPEndPoint(IPAddress.Loopback, api.Value.GatewayPort).ToGatewayUri()]));
            }
            client.UseClusterTls(builder.Configuration, builder.Environment);
            DateTime giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return !cancellation.IsCancellationRequested && DateTime.UtcNow < giveUpAt;
            });
        });
        return builder;
    }
}
