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

        AuditReport after = await s.Hospital.AuditAsync();
        Assert.False(after.Consistent);
        Assert.Equal(1, after.FirstBadHeight);
        Assert.Contains("BadMerkleRoot", after.Reason);
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
        byte[][] found = await s.Hospital.SearchAsync(s.PatientId, trapdoor);
        Assert.Equal(4, found.Length);
        var texts = found.Select(r => System.Text.Encoding.UTF8.GetString(
            RecordEncryption.DecryptAsPatient(s.Parameters, s.Patient, SealedRecord.Decode(s.Parameters, r)))).Order().ToList();
        Assert.Equal(["fever 0", "fever 1", "fever 2", "fever 3"], texts);
        Assert.Empty(await s.Hospital.SearchAsync("someone-else", trapdoor));
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
