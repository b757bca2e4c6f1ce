using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Tests;

public sealed class RecordIdTests
{
    [Fact]
    public void ARecordsIdIsTheHexOfItsLeafHashAndNamesItsBytes()
    {
        var record = new LedgerRecord([1, 2, 3], [4], [5, 6], [7], [8, 9], [10]);
        string id = record.RecordId();
        Assert.Equal(Convert.ToHexString(record.LeafHash()), id);
        Assert.Equal(id, LedgerRecord.IdOf(record.Encode()));
        Assert.Equal(64, id.Length);
        // Leaf hashing is domain-separated: the id is not the plain SHA-256 of the bytes.
        Assert.NotEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(record.Encode())), id);
        Assert.NotEqual(id, (record with { Signature = [11] }).RecordId());
    }
}
