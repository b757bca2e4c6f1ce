using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;

namespace MedChain.Grains.Tests;

/// <summary>A hospital's chain through the grains, state and blocks in Azurite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HospitalGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TenValidBroadcastsSealOneVerifiableBlock()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        var receipts = new List<BroadcastReceipt>();
        for (int i = 0; i < 10; i++)
        {
            receipts.Add(await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}")));
        }
        Assert.All(receipts, r => Assert.True(r.Accepted, r.Check.ToString()));
        ChainHead head = await s.Hospital.GetHeadAsync();
        Assert.Equal(0, head.Height);
        Assert.Equal(0, head.Pending);

        List<Block> chain = await s.ChainAsync();
        Block genesis = Assert.Single(chain);
        Assert.Equal(10, genesis.Records.Count);
        Assert.Equal(receipts.Select(r => r.RecordId), genesis.Records.Select(r => Convert.ToHexString(r.LeafHash())));
        var validator = new ChainValidator(s.Parameters, s.HospitalKey, s.HospitalPid, BlockPolicy.Paper,
            r => RecordEncryption.IsValid(s.Parameters, s.Patient.PublicKey, RecordCiphertext.Decode(s.Parameters, r.Header)));
        Assert.True(validator.Validate(chain).IsValid);
        // The patient can read what the doctor stored.
        byte[] body = (await s.Hospital.GetRecordBodyAsync(genesis.Records[3].BodyHash))!;
        Assert.Equal("visit 3"u8.ToArray(), RecordEncryption.DecryptAsPatient(s.Parameters, s.Patient, SealedRecord.Decode(s.Parameters, genesis.Records[3].SealedRecord(body))));
    }

    [Fact]
    public async Task PendingRecordsAreSealedWhenTheIntervalPasses()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}"))).Accepted);
        }
        Assert.Equal(3, (await s.Hospital.GetHeadAsync()).Pending);
        ChainHead head = await WaitForAsync(s, h => h.Height == 0, ClusterFixture.BlockInterval * 5);
        Assert.Equal(0, head.Pending);
        Assert.Equal(3, (await s.ChainAsync())[0].Records.Count);
    }

    [Theory]
    [InlineData("alpha", BroadcastCheck.IdentityMismatch, true)]
    [InlineData("signature", BroadcastCheck.BadSignature, false)]
    [InlineData("ciphertext", BroadcastCheck.InvalidCiphertext, true)]
    public async Task InvalidBroadcastsAreRefusedCostCreditAndStoreNothing(string spoil, BroadcastCheck failure, bool signedByTheDoctor)
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        BroadcastReceipt receipt = await s.Hospital.BroadcastAsync(s.Broadcast("bad", spoil));
        Assert.False(receipt.Accepted);
        Assert.Equal(failure, receipt.Check);
        Assert.Equal(0, (await s.Hospital.GetHeadAsync()).Pending);
        DoctorStanding doctor = (await s.Hospital.GetDoctorAsync(s.DoctorId))!;
        // Only what the doctor signed costs him credit: an unsigned forgery in his name does not.
        int penalty = signedByTheDoctor ? CreditPolicy.Default.InvalidRecordPenalty : 0;
        Assert.Equal(CreditPolicy.Default.Initial - penalty, doctor.Credit);
    }

    /// <summary>
    /// The verifier's negative cases through the path that runs in production: the hospital grain,
    /// the verifier workers, <see cref="BroadcastVerifier"/>. Only what the doctor signed costs him credit.
    /// </summary>
    [Theory]
    [InlineData("envelope for another hospital", BroadcastCheck.EnvelopeUnreadable)]
    [InlineData("other doctor's key", BroadcastCheck.BadSignature)]
    [InlineData("garbled record", BroadcastCheck.InvalidRecord)]
    [InlineData("garbled signature", BroadcastCheck.Malformed)]
    [InlineData("C1", BroadcastCheck.InvalidCiphertext)]
    [InlineData("C2", BroadcastCheck.InvalidCiphertext)]
    [InlineData("C3", BroadcastCheck.InvalidCiphertext)]
    [InlineData("C4", BroadcastCheck.InvalidCiphertext)]
    [InlineData("C5", BroadcastCheck.InvalidCiphertext)]
    public async Task EveryCheckOfTheVerifierRefusesItsTamperedBroadcast(string change, BroadcastCheck expected)
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        BroadcastReceipt receipt = await s.Hospital.BroadcastAsync(s.Tampered("tampered", change));
        Assert.Equal((expected, (string?)null), (receipt.Check, receipt.RecordId));
        Assert.Equal(0, (await s.Hospital.GetHeadAsync()).Pending);
        int penalty = expected.CostsDoctorCredit() ? CreditPolicy.Default.InvalidRecordPenalty : 0;
        Assert.Equal(CreditPolicy.Default.Initial - penalty, (await s.Hospital.GetDoctorAsync(s.DoctorId))!.Credit);
        // The same broadcast untouched is accepted.
        Assert.True((await s.Hospital.BroadcastAsync(s.Tampered("untouched", "nothing"))).Accepted);
    }

    [Fact]
    public async Task RetriedBroadcastsAreStoredOnce()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        BroadcastRequest request = s.Broadcast("once");
        BroadcastReceipt[] receipts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => s.Hospital.BroadcastAsync(request)));
        Assert.All(receipts, r => Assert.True(r.Accepted));
        Assert.Single(receipts.Select(r => r.RecordId).Distinct());
        Assert.Equal(1, (await s.Hospital.GetHeadAsync()).Pending);

        // A retry long after its block was sealed gets the same answer, and the chain still holds
        // the record once: the seal finds it in the record index and drops it, keeping the new ones.
        ChainHead sealedHead = await s.Hospital.SealPendingAsync();
        RecordPlace place = (await s.Hospital.LocateAsync(receipts[0].RecordId!))!.Value;
        BroadcastReceipt late = await s.Hospital.BroadcastAsync(request);
        Assert.Equal((true, receipts[0].RecordId), (late.Accepted, late.RecordId));
        BroadcastReceipt fresh = await s.Hospital.BroadcastAsync(s.Broadcast("after the retry"));
        ChainHead head = await s.Hospital.SealPendingAsync();
        Assert.Equal((sealedHead.Height + 1, 0), (head.Height, head.Pending));
        List<Block> chain = await s.ChainAsync();
        Assert.Equal([fresh.RecordId], chain[^1].Records.Select(r => Convert.ToHexString(r.LeafHash())));
        Assert.Single(chain.SelectMany(b => b.Records), r => Convert.ToHexString(r.LeafHash()) == receipts[0].RecordId);
        Assert.Equal(place, await s.Hospital.LocateAsync(receipts[0].RecordId!));

        // A retry alone makes no block.
        Assert.True((await s.Hospital.BroadcastAsync(request)).Accepted);
        Assert.Equal(head, await s.Hospital.SealPendingAsync());
    }

    [Fact]
    public async Task ASealThatFailedAfterWritingIndexRowsIsFinishedByTheNext()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        List<BroadcastRequest> requests = [.. Enumerable.Range(0, 10).Select(i => s.Broadcast($"visit {i}"))];
        List<string> ids = [.. requests.Select(r => Convert.ToHexString(
            LedgerRecord.FromSealed(s.Parameters, r.SealedRecord, r.PatientPid, s.HospitalPid, r.Envelope, s.Doctor.PublicKey.Encode(), r.Signature).Record.LeafHash()))];
        // What a seal of height 0 that failed after its index transaction could leave: rows of these
        // records at other places of that height, and a row for a record that never came.
        string ghost = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ghost"u8));
        var index = new Storage.TableRecordIndex(fixture.StorageConnectionString, "medchainindex", fixture.ServiceId);
        await index.RewriteBlockAsync(s.HospitalId, 0, [(ids[9], s.PatientId), (ids[0], s.PatientId), (ghost, "someone")]);

        foreach (BroadcastRequest request in requests)
        {
            Assert.True((await s.Hospital.BroadcastAsync(request)).Accepted);
        }
        ChainHead head = await s.Hospital.GetHeadAsync();
        Assert.Equal((0L, 0), (head.Height, head.Pending));
        Assert.Equal(ids, (await s.ChainAsync()).Single().Records.Select(r => Convert.ToHexString(r.LeafHash())));
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.Equal(new RecordPlace(0, i), await s.Hospital.LocateAsync(ids[i]));
        }
        Assert.Null(await s.Hospital.LocateAsync(ghost));
    }

    [Fact]
    public async Task DoctorIsExpelledAtTheThreshold()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        CreditPolicy policy = CreditPolicy.Default;
        int strikes = (policy.Initial - policy.ExpulsionThreshold + policy.InvalidRecordPenalty - 1) / policy.InvalidRecordPenalty;
        for (int i = 0; i < strikes; i++)
        {
            Assert.False((await s.Hospital.BroadcastAsync(s.Broadcast("bad", "alpha"))).Accepted);
        }
        Assert.True((await s.Hospital.GetDoctorAsync(s.DoctorId))!.Expelled);
        BroadcastReceipt refused = await s.Hospital.BroadcastAsync(s.Broadcast("good now"));
        Assert.False(refused.Accepted);
        Assert.Equal(BroadcastCheck.DoctorExpelled, refused.Check);
    }

    [Fact]
    public async Task ConcurrentBroadcastsAreSealedOnceWithContiguousHeights()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        BroadcastReceipt[] receipts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => s.Broadcast($"visit {i}")).ToList().Select(s.Hospital.BroadcastAsync));
        Assert.All(receipts, r => Assert.True(r.Accepted, r.Check.ToString()));
        await s.Hospital.SealPendingAsync();
        List<Block> chain = await s.ChainAsync();
        Assert.Equal(Enumerable.Range(0, chain.Count).Select(i => (long)i), chain.Select(b => b.Header.Height));
        var sealedIds = chain.SelectMany(b => b.Records).Select(r => Convert.ToHexString(r.LeafHash())).ToList();
        Assert.Equal(sealedIds.Count, sealedIds.Distinct().Count());
        Assert.Equal(receipts.Select(r => r.RecordId).Order(), sealedIds.Order());
        var validator = new ChainValidator(s.Parameters, s.HospitalKey, s.HospitalPid, BlockPolicy.Paper, _ => true);
        Assert.True(validator.Validate(chain).IsValid);
    }

    private static async Task<ChainHead> WaitForAsync(Scenario s, Func<ChainHead, bool> done, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            ChainHead head = await s.Hospital.GetHeadAsync();
            if (done(head) || DateTime.UtcNow > deadline)
            {
                return head;
            }
            await Task.Delay(100);
        }
    }
}
