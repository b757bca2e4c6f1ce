using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Tests;

public sealed class RecordIdTests
{
    [Fact]
    public void ARecordsIdIsTheHexOfItsLeafHashAndNamesItsBytes()
    {
        var record = new LedgerRecord([1, 2, 3], LedgerRecord.HashBody([4]), [4], [5, 6], [7], [8, 9], [10]);
        string id = record.RecordId();
        Assert.Equal(Convert.ToHexString(record.LeafHash()), id);
        Assert.Equal(id, LedgerRecord.IdOf(record.Encode()));
        Assert.Equal(64, id.Length);
        // Leaf hashing is domain-separated: the id is not the plain SHA-256 of the bytes.
        Assert.NotEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(record.Encode())), id);
        Assert.NotEqual(id, (record with { Signature = [11] }).RecordId());
        // The body is named by its hash: another body, another record.
        Assert.NotEqual(id, (record with { BodyHash = LedgerRecord.HashBody([5]) }).RecordId());
        Assert.True(LedgerRecord.TryDecode(record.Encode(), out LedgerRecord? decoded) && decoded!.SameAs(record));
    }

    [Fact]
    public void ARecordCommitsToItsBodyAndStaysSmallWhateverTheBody()
    {
        byte[] body = new byte[10 * 1024 * 1024];
        body[^1] = 1;
        var record = new LedgerRecord(new byte[928], LedgerRecord.HashBody(body), [4], [5, 6], [7], [8, 9], [10]);
        Assert.True(record.Carries(body));
        body[5] ^= 1;
        Assert.False(record.Carries(body));
        Assert.True(record.Encode().Length < 2048);
    }
}
