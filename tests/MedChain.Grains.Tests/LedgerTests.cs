using MedChain.Testing;
using System.Text.Json;
using Azure.Storage.Blobs;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Search;

namespace MedChain.Grains.Tests;

/// <summary>Replicas, audit, search and restarts through the grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ReplicasCopyEveryBlockAndTheAuditFindsATamperedOne()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        for (int i = 0; i < 25; i++)
        {
            Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}"))).Accepted);
        }
        await s.Hospital.SealPendingAsync();
        ChainHead head = await s.Hospital.GetHeadAsync();
        Assert.Equal(2, head.Height);
        AuditReport report = await AuditPolling.UntilReplicasCaughtUpAsync(s.Hospital);
        Assert.True(report.Consistent, report.Reason);
        Assert.All(report.ReplicaHeights, h => Assert.Equal(2, h));
        for (int n = 0; n < report.ReplicaHeights.Length; n++)
        {
            byte[]? copy = await fixture.Cluster.GrainFactory.GetGrain<ILedgerReplicaGrain>($"{s.HospitalId}/{n}").GetBlockAsync(1);
            Assert.Equal(await s.Hospital.GetBlockAsync(1), copy);
        }

        // Change one record of block 1 directly in the storage account, behind the grains' back.
        BlobClient blob = new BlobContainerClient(fixture.StorageConnectionString, "medchain-blocks")
            .GetBlobClient($"{fixture.ServiceId}/{s.HospitalId}/{1:D12}");
        Assert.True(Block.TryDecode((await blob.DownloadContentAsync()).Value.Content.ToArray(), out Block? block));
        Block forged = block! with { Records = [block.Records[0] with { PatientPid = [1, 2, 3] }, .. block.Records.Skip(1)] };
        await blob.UploadAsync(BinaryData.FromBytes(forged.Encode()), overwrite: true);

        AuditReport after = await s.Hospital.AuditAsync(full: false);
        Assert.False(after.Consistent);
        Assert.Equal(1, after.FirstBadHeight);
        Assert.Contains("BadMerkleRoot", after.Reason);
    }

    [Fact]
    public async Task AnAuditGoesOnFromTheLastConsistentOneAndStartsOverWhenAnOldBlockChanged()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        async Task SealAsync(int records)
        {
            for (int i = 0; i < records; i++)
            {
                Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {Guid.NewGuid():N}"))).Accepted);
            }
            await s.Hospital.SealPendingAsync();
        }
        await SealAsync(25);
        AuditReport first = await AuditPolling.UntilReplicasCaughtUpAsync(s.Hospital);
        Assert.True(first.Consistent, first.Reason);
        await SealAsync(20);
        // Wait for the replicas without auditing (an audit that finds one behind is not consistent, and the next starts over).
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await Task.WhenAll(Enumerable.Range(0, first.ReplicaHeights.Length)
            .Select(n => fixture.Cluster.GrainFactory.GetGrain<ILedgerReplicaGrain>($"{s.HospitalId}/{n}").GetHeightAsync()))).All(h => h == 4))
        {
            Assert.True(DateTime.UtcNow < deadline, "the replicas did not catch up");
            await Task.Delay(100);
        }
        AuditReport next = await s.Hospital.AuditAsync(full: false);
        Assert.True(next.Consistent, next.Reason);
        Assert.Equal(4, next.Height);
        Assert.Equal(3, next.ValidatedFrom);
        AuditReport again = await s.Hospital.AuditAsync(full: false);
        Assert.True(again.Consistent);
        Assert.Equal(5, again.ValidatedFrom);
        Assert.Equal(0, (await s.Hospital.AuditAsync(full: true)).ValidatedFrom);

        // Block 1 replaced in storage (the same bytes: only its version changes): the next audit starts over from genesis.
        BlobClient blob = new BlobContainerClient(fixture.StorageConnectionString, "medchain-blocks")
            .GetBlobClient($"{fixture.ServiceId}/{s.HospitalId}/{1:D12}");
        await blob.UploadAsync(BinaryData.FromBytes((await blob.DownloadContentAsync()).Value.Content.ToArray()), overwrite: true);
        AuditReport restarted = await s.Hospital.AuditAsync(full: false);
        Assert.True(restarted.Consistent, restarted.Reason);
        Assert.Equal(0, restarted.ValidatedFrom);
    }

    [Fact]
    public async Task SearchFindsThePatientsRecordsForTheSymptomOnly()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        for (int i = 0; i < 4; i++)
        {
            Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"fever {i}"))).Accepted);
        }
        Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast("cough", symptom: "R05"))).Accepted);
        await s.Hospital.SealPendingAsync();

        using Scalar fever = s.Parameters.Hashes.Symptom("R50.9");
        byte[] trapdoor = Trapdoor.Create(s.Parameters, s.Patient, s.HospitalKey, fever).Encode();
        SearchMatch[] found = await s.Hospital.SearchAsync(s.PatientId, trapdoor);
        Assert.Equal(4, found.Length);
        var texts = new List<string>();
        foreach (SearchMatch match in found)
        {
            texts.Add(System.Text.Encoding.UTF8.GetString(RecordEncryption.DecryptAsPatient(s.Parameters, s.Patient, await s.SealedAsync(match))));
        }
        texts.Sort(StringComparer.Ordinal);
        Assert.Equal(["fever 0", "fever 1", "fever 2", "fever 3"], texts);
        Assert.Empty(await s.Hospital.SearchAsync("someone-else", trapdoor));
    }

    [Fact]
    public async Task ABlockSealedBeyondTheWrittenHeadIsAdoptedByTheNextActivation()
    {
        // A seal moves the head in memory; the next state write carries it. Freeze the stored
        // state right after a seal, as a crash would: rewriting the blob changes its ETag, so the
        // activation's later writes (timer, deactivation) fail. Should the timer have written the
        // head first (it ticks every half second), try again with another hospital.
        for (int attempt = 0; ; attempt++)
        {
            using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
            List<string> ids = [];
            for (int i = 0; i < 10; i++)
            {
                ids.Add((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}"))).RecordId!);
            }
            BlobClient state = await HospitalStateBlobAsync(s.HospitalId);
            Azure.Storage.Blobs.Models.BlobDownloadResult stored = (await state.DownloadContentAsync()).Value;
            BinaryData frozen = stored.Content;
            await state.UploadAsync(frozen, new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = stored.Details.Metadata });
            using (JsonDocument envelope = JsonDocument.Parse(frozen))
            using (JsonDocument json = JsonDocument.Parse(envelope.RootElement.GetProperty("State").GetString()!))
            {
                if (json.RootElement.GetProperty("Height").GetInt64() != -1)
                {
                    Assert.True(attempt < 5, "the head was always written before the state could be frozen");
                    continue;
                }
                Assert.Equal(10, json.RootElement.GetProperty("Pending").GetArrayLength());
            }

            await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
            await fixture.Cluster.InitializeClientAsync();

            // The new activation reads height -1 with the block's 10 records pending, finds block 0
            // stored and adopts it: no second block, every record where the first one put it.
            IHospitalGrain hospital = fixture.Cluster.GrainFactory.GetGrain<IHospitalGrain>(s.HospitalId);
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            ChainHead head;
            while ((head = await hospital.GetHeadAsync()) is not { Height: 0, Pending: 0 })
            {
                Assert.True(DateTime.UtcNow < deadline, $"not adopted: height {head.Height}, {head.Pending} pending");
                await Task.Delay(250);
            }
            var store = new Storage.BlobBlockStore(fixture.StorageConnectionString, "medchain-blocks", fixture.ServiceId);
            Assert.Equal(0, await store.LastHeightAsync(s.HospitalId));
            for (int i = 0; i < ids.Count; i++)
            {
                Assert.Equal(new RecordPlace(0, i), await hospital.LocateAsync(ids[i]));
            }
            Assert.True((await AuditPolling.UntilReplicasCaughtUpAsync(hospital)).Consistent);
            return;
        }
    }

    /// <summary>The blob holding a hospital grain's state (named after its grain id).</summary>
    private async Task<BlobClient> HospitalStateBlobAsync(string hospitalId)
    {
        return await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "hospital", "hospital/" + hospitalId);
    }

    [Fact]
    public async Task PendingRecordsSurviveASiloRestartAndAreSealedWithoutAnyoneCallingTheHospital()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        for (int i = 0; i < 13; i++)
        {
            Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}"))).Accepted);
        }
        ChainHead before = await s.Hospital.GetHeadAsync();
        Assert.Equal(0, before.Height);
        Assert.Equal(3, before.Pending);

        await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
        await fixture.Cluster.InitializeClientAsync();

        // Nobody calls the hospital: the silo's keeper wakes it and its timer seals the 3 pending
        // records. Watched in the block store directly, since a call would itself wake the hospital.
        var store = new Storage.BlobBlockStore(fixture.StorageConnectionString, "medchain-blocks", fixture.ServiceId);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await store.LastHeightAsync(s.HospitalId) < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pending records were not sealed after the restart");
            await Task.Delay(250);
        }
        IHospitalGrain hospital = fixture.Cluster.GrainFactory.GetGrain<IHospitalGrain>(s.HospitalId);
        Assert.True(Block.TryDecode((await hospital.GetBlockAsync(1))!, out Block? sealedAfter));
        Assert.Equal(3, sealedAfter!.Records.Count);
        Assert.Equal(0, (await hospital.GetHeadAsync()).Pending);
        Assert.True((await AuditPolling.UntilReplicasCaughtUpAsync(hospital)).Consistent);
    }
}
