using MedChain.Testing;
using System.Security.Cryptography;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Search;

namespace MedChain.Grains.Tests;

/// <summary>
/// Issue 11 §5: records of any size keep the ledger readable. Ten records of 10 MiB each made a
/// ~110 MiB block, over Orleans' 100 MiB message limit, and a ~150 MB pending-pool write; with each
/// body its own blob, committed to by hash in the ledger record, blocks and state stay small.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LargeRecordTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TenRecordsOfTenMebibytesSealReadAuditAndReplicate()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        const int size = SealedRecord.MaxBodyLength;
        var ids = new List<string>();
        byte[] seventh = [];
        for (int i = 0; i < 10; i++)
        {
            byte[] body = RandomNumberGenerator.GetBytes(size);
            seventh = i == 7 ? body : seventh;
            BroadcastReceipt receipt = await s.Hospital.BroadcastAsync(s.Broadcast(body));
            Assert.True(receipt.Accepted, receipt.Check.ToString());
            ids.Add(receipt.RecordId!);
        }

        // Sealed (the tenth fills a block, unless the block interval sealed some before it came).
        ChainHead head = await s.Hospital.SealPendingAsync();
        Assert.Equal(0, head.Pending);
        var sealedIds = new List<string>();
        for (long h = 0; h <= head.Height; h++)
        {
            byte[] encoded = (await s.Hospital.GetBlockAsync(h))!;
            Assert.True(encoded.Length < 64 * 1024, $"block {h} takes {encoded.Length} bytes");
            Assert.True(Block.TryDecode(encoded, out Block? block));
            sealedIds.AddRange(block!.Records.Select(r => r.RecordId()));
        }
        Assert.Equal(ids, sealedIds);
        var state = await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "hospital", "hospital/" + s.HospitalId);
        long stateBytes = (await state.GetPropertiesAsync()).Value.ContentLength;
        Assert.True(stateBytes < 256 * 1024, $"the hospital's state takes {stateBytes} bytes");

        // Audited and replicated: every replica holds the block and agrees with the primary.
        AuditReport audit = await AuditPolling.UntilReplicasCaughtUpAsync(s.Hospital, TimeSpan.FromSeconds(60));
        Assert.True(audit.Consistent, audit.Reason);
        Assert.All(audit.ReplicaHeights, h => Assert.Equal(head.Height, h));

        // Read: the patient's search finds all ten, and a body read on its own decrypts to what was written.
        using var fever = s.Parameters.Hashes.Symptom("R50.9");
        SearchMatch[] found = await s.Hospital.SearchAsync(s.PatientId, Trapdoor.Create(s.Parameters, s.Patient, s.HospitalKey, fever).Encode());
        Assert.Equal(ids, found.Select(m => m.RecordId));
        Assert.Equal(seventh, RecordEncryption.DecryptAsPatient(s.Parameters, s.Patient, await s.SealedAsync(found[7])));
    }

    /// <summary>A body changed in storage does not pass for the record's: its hash no longer matches.</summary>
    [Fact]
    public async Task ABodyChangedInStorageIsRefused()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast("visit"))).Accepted);
        ChainHead head = await s.Hospital.SealPendingAsync();
        Assert.True(Block.TryDecode((await s.Hospital.GetBlockAsync(head.Height))!, out Block? block));
        LedgerRecord record = block!.Records[^1];
        Assert.NotNull(await s.Hospital.GetRecordBodyAsync(record.BodyHash));

        var container = new Azure.Storage.Blobs.BlobContainerClient(fixture.StorageConnectionString, "medchain-bodies");
        var blob = container.GetBlobClient($"{fixture.ServiceId}/{Uri.EscapeDataString(s.HospitalId)}/{Convert.ToHexString(record.BodyHash)}");
        byte[] stored = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        stored[0] ^= 1;
        await blob.UploadAsync(BinaryData.FromBytes(stored), overwrite: true);
        Exception refused = await Assert.ThrowsAnyAsync<Exception>(() => s.Hospital.GetRecordBodyAsync(record.BodyHash));
        Assert.Contains("does not match its hash", refused.ToString());
    }
}
