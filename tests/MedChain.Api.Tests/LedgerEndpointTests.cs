using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Ledger;

namespace MedChain.Api.Tests;

/// <summary>Blocks and receipts as the API serves them, checked against the ledger's own encoding.</summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerEndpointTests(ApiFixture stack)
{
    [Fact]
    public async Task ABlockListsItsRecordsAndEachHasAReceiptThatVerifies()
    {
        World w = await World.CreateAsync(stack);
        MedChainClient doctor = w.Clients["doctor"];
        MedChainClient hospital = w.Clients["hospital"];
        string h1 = w.Ids["hospital"];

        BlockInfo info = await hospital.GetBlockAsync(h1, 0);

        Assert.True(Block.TryDecode(Convert.FromBase64String(info.Block), out Block? block));
        Assert.Equal(10, info.Records.Length);
        for (int i = 0; i < info.Records.Length; i++)
        {
            BlockRecord r = info.Records[i];
            var record = new LedgerRecord(Convert.FromBase64String(r.Header), Convert.FromBase64String(r.BodyHash), Convert.FromBase64String(r.PatientPid), block!.Header.HospitalPid,
                Convert.FromBase64String(r.Envelope), Convert.FromBase64String(r.DoctorKey), Convert.FromBase64String(r.Signature));
            Assert.Equal(Convert.ToHexString(block.Records[i].LeafHash()), r.RecordId);
            Assert.Equal(r.RecordId, Convert.ToHexString(record.LeafHash()));
        }
        Assert.Equal(Convert.ToHexString(block!.Header.Hash()), info.HeaderHash);
        RecordReceipt receipt = await doctor.GetReceiptAsync(h1, info.Records[7].RecordId);
        Assert.Equal((0L, 7), (receipt.Height, receipt.Index));
        Assert.Null(LedgerVerifier.VerifyReceipt(w.Parameters, w.H1, info.Records[7].RecordId, receipt));
        Assert.True((await LedgerVerifier.VerifyChainAsync(hospital, w.Parameters, h1)).IsValid);
        // The signed headers (every participant's view) link up to the same chain.
        Assert.True((await LedgerVerifier.VerifyHeadersAsync(doctor, w.Parameters, h1)).IsValid);
        Assert.Equal(info.HeaderHash, (await doctor.GetBlockHeaderAsync(h1, 0)).HeaderHash);
    }
}
