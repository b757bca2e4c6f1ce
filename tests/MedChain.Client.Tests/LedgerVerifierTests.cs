using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Client.Tests;

/// <summary>Receipts checked on the client: a true one passes, each kind of forgery is named.</summary>
public sealed class LedgerVerifierTests
{
    private static readonly SystemParameters P = SystemSetup.Initialize(80).Parameters;

    [Fact]
    public void AReceiptOfASignedBlockVerifiesAndForgeriesDoNot()
    {
        using SecretKey hospital = SecretKey.Generate(P);
        byte[] pid = [1, 2, 3, 4];
        List<LedgerRecord> records = [.. Enumerable.Range(0, 7).Select(i => new LedgerRecord([(byte)i], LedgerRecord.HashBody([9]), [9], pid, [8], [7], [6]))];
        Block block = Block.Seal(hospital, pid, null, records, DateTimeOffset.UtcNow);
        List<byte[]> leaves = [.. records.Select(r => r.LeafHash())];
        var info = new HospitalInfo("h", Convert.ToBase64String(hospital.PublicKey.Encode()), Convert.ToBase64String(pid), 100);
        RecordReceipt receipt = new("h", 0, 5, 7, Convert.ToHexString(leaves[5]), [.. MerkleTree.InclusionProof(leaves, 5).Select(Convert.ToHexString)],
            Convert.ToBase64String(block.Header.Encode()), Convert.ToBase64String(block.Signature));
        using SecretKey other = SecretKey.Generate(P);
        string id = Convert.ToHexString(leaves[5]).ToLowerInvariant();

        Assert.Null(LedgerVerifier.VerifyReceipt(P, info, id, receipt));
        Assert.Contains("audit path", LedgerVerifier.VerifyReceipt(P, info, Convert.ToHexString(leaves[4]), receipt with { LeafHash = Convert.ToHexString(leaves[4]) }));
        Assert.Contains("audit path", LedgerVerifier.VerifyReceipt(P, info, id, receipt with { Index = 4 }));
        Assert.Contains("signature", LedgerVerifier.VerifyReceipt(P, info with { PublicKey = Convert.ToBase64String(other.PublicKey.Encode()) }, id, receipt));
        Assert.Contains("another hospital", LedgerVerifier.VerifyReceipt(P, info with { Pid = Convert.ToBase64String([5, 6]) }, id, receipt));
        Assert.Contains("height", LedgerVerifier.VerifyReceipt(P, info, id, receipt with { Height = 3 }));
        // A true receipt of another record does not prove this one.
        Assert.Contains("another record", LedgerVerifier.VerifyReceipt(P, info, Convert.ToHexString(leaves[4]), receipt));
        Assert.Contains("another record", LedgerVerifier.VerifyReceipt(P, info, id, receipt with { HospitalId = "h2" }));
    }
}
