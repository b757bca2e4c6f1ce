using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Hosting;
using MedChain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MedChain.Grains.Tests;

/// <summary>
/// Two real silo processes clustered through Azure Storage (the default) or Redis, state in Azurite: one is killed (SIGKILL) while
/// broadcasts are in flight (the one hosting the hospital); every broadcast that was acknowledged is
/// later found in a sealed block.
/// </summary>
public sealed class MultiSiloTests
{
    [Theory]
    [InlineData(ClusteringMode.AzureStorage)]
    [InlineData(ClusteringMode.Redis)]
    public async Task AcknowledgedRecordsSurviveTheKillOfASilo(ClusteringMode clustering)
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using var redis = new RedisProcess();
        if (clustering == ClusteringMode.Redis)
        {
            await redis.StartAsync();
        }
        string serviceId = "multi-" + Guid.NewGuid().ToString("N")[..8];
        string kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string? redisAt = clustering == ClusteringMode.Redis ? redis.ConnectionString : null;
        await using SiloProcess first = await SiloProcess.StartClusteredAsync(clustering, redisAt, azurite.ConnectionString, serviceId, kek, 80);
        await using SiloProcess second = await SiloProcess.StartClusteredAsync(clustering, redisAt, azurite.ConnectionString, serviceId, kek, 80);

        using IHost client = Host.CreateDefaultBuilder()
            .UseOrleansClient(c => (clustering == ClusteringMode.Redis
                    ? c.UseRedisClustering(redis.ConnectionString)
                    : c.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString)))
                .UseClusterTls(DeploymentCertificates.Shared.Load())
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = serviceId;
                    o.ServiceId = serviceId;
                }))
            .Build();
        await client.StartAsync();
        IClusterClient grains = client.Services.GetRequiredService<IClusterClient>();

        SystemParameters p = SystemParameters.FromJson(await grains.GetSystemManager().GetParametersAsync());
        IHospitalGrain hospital = grains.GetGrain<IHospitalGrain>("hospital-multi");
        PublicKey hospitalKey = PublicKey.Decode(p, await hospital.JoinAsync());
        byte[] pid = (await grains.GetSystemManager().GetHospitalAsync("hospital-multi"))!.Pid;
        using SecretKey doctor = SecretKey.Generate(p);
        using SecretKey patient = SecretKey.Generate(p);
        await hospital.RegisterDoctorAsync("doctor-multi", doctor.PublicKey.Encode());
        byte[] alpha = await hospital.RegisterPatientAsync("patient-multi", patient.PublicKey.Encode());
        using Scalar symptom = p.Hashes.Symptom("R50.9");
        List<BroadcastRequest> requests = Enumerable.Range(0, 60).Select(i => Request(p, hospitalKey, pid, doctor, patient, alpha, symptom, i)).ToList();

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var someAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first few go at once (the silos may be slow to warm up on a busy machine); the rest
        // 40 ms apart once those are acknowledged, so that broadcasts are in flight at the kill.
        const int warmUp = 5;
        Task sending = Task.WhenAll(requests.Select(async (r, i) =>
        {
            if (i >= warmUp)
            {
                await someAcknowledged.Task;
                await Task.Delay((i - warmUp) * 40);
            }
            try
            {
                BroadcastReceipt receipt = await hospital.BroadcastAsync(r);
                if (receipt.Accepted)
                {
                    acknowledged.Add(receipt.RecordId!);
                    if (acknowledged.Count >= warmUp)
                    {
                        someAcknowledged.TrySetResult();
                    }
                }
            }
            catch (Exception)
            {
                // Not acknowledged: the sender would retry; the test only holds acknowledged records to account.
            }
        }));
        // Kill the silo that hosts the hospital, so that it must fail over.
        await someAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(400);
        SiloAddress? host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(hospital);
        Assert.NotNull(host);
        Assert.Contains(host.Endpoint.Port, new[] { first.SiloPort, second.SiloPort });
        SiloProcess victim = host.Endpoint.Port == second.SiloPort ? second : first;
        victim.Kill();
        await sending;
        Assert.NotEmpty(acknowledged);

        // The survivor takes over (the hospital reactivates there from Azurite once the membership
        // has declared the killed silo dead) with every acknowledged record.
        ChainHead head = await RetryAsync(() => hospital.SealPendingAsync());
        var sealedIds = new List<string>();
        for (long h = 0; h <= head.Height; h++)
        {
            byte[] bytes = (await hospital.GetBlockAsync(h))!;
            Assert.True(Block.TryDecode(bytes, out Block? block));
            sealedIds.AddRange(block!.Records.Select(r => Convert.ToHexString(r.LeafHash())));
        }
        Assert.Subset(sealedIds.ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(sealedIds.Count, sealedIds.Distinct().Count());
        Assert.True((await AuditPolling.UntilReplicasCaughtUpAsync(hospital, TimeSpan.FromSeconds(60))).Consistent);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static BroadcastRequest Request(SystemParameters p, PublicKey hospitalKey, byte[] pid, SecretKey doctor, SecretKey patient, byte[] alpha, Scalar symptom, int i)
    {
        RecordBroadcast b = DoctorBroadcast.Create(p, doctor, "doctor-multi", patient.PublicKey, "patient-multi", hospitalKey, pid, alpha, symptom,
            System.Text.Encoding.UTF8.GetBytes($"visit {i}"));
        return new BroadcastRequest("doctor-multi", "patient-multi", b.SealedRecord(), b.Record.PatientPid, b.Record.Envelope, b.Record.Signature);
    }
}
