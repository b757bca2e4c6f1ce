using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Records;

/// <summary>What a doctor broadcasts: the signed ledger record and the encrypted body it commits to by hash.</summary>
public sealed record RecordBroadcast(LedgerRecord Record, byte[] Body)
{
    /// <summary>header || body, as the broadcast request carries it.</summary>
    public byte[] SealedRecord() => Record.SealedRecord(Body);
}
