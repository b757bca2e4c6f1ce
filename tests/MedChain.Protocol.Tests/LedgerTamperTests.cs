using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Tests;

/// <summary>Table-driven tamper cases: each change to a valid chain is named by the validator, with the first bad height.</summary>
public sealed class LedgerTamperTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);
    private static readonly SecretKey s_hospital = SecretKey.Generate(s_p);
    private static readonly byte[] s_pid = [7, 7, 7];

    public static TheoryData<string, ChainFailure, long> Cases() => new()
    {
        { "changed record", ChainFailure.BadMerkleRoot, 1 },
        { "reordered records", ChainFailure.BadMerkleRoot, 1 },
        { "removed block", ChainFailure.SkippedHeight, 2 },
        { "changed previous hash", ChainFailure.BrokenLink, 2 },
        { "swapped signature", ChainFailure.BadSignature, 1 },
        { "header changed after signing", ChainFailure.BadSignature, 2 },
        { "too many records", ChainFailure.TooManyRecords, 0 },
        { "invalid record", ChainFailure.InvalidRecord, 2 },
        { "other hospital", ChainFailure.WrongHospital, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TamperIsNamed(string tamper, ChainFailure expected, long height)
    {
        List<Block> chain = BuildChain(4, 3);
        Func<LedgerRecord, bool> recordCheck = _ => true;
        switch (tamper)
        {
            case "changed record":
                chain[1] = chain[1] with { Records = [chain[1].Records[0] with { PatientPid = [9] }, .. chain[1].Records.Skip(1)] };
                break;
            case "reordered records":
                chain[1] = chain[1] with { Records = [.. chain[1].Records.Reverse()] };
                break;
            case "removed block":
                chain.RemoveAt(1);
                break;
            case "changed previous hash":
                chain[2] = chain[2] with { Header = chain[2].Header with { PreviousHash = new byte[32] } };
                break;
            case "swapped signature":
                chain[1] = chain[1] with { Signature = chain[2].Signature };
                break;
            case "header changed after signing":
                // Re-link the following blocks so that only the signature betrays the change.
                chain[2] = chain[2] with { Header = chain[2].Header with { TimestampMs = chain[2].Header.TimestampMs + 1 } };
                chain.RemoveRange(3, chain.Count - 3);
                break;
            case "too many records":
                chain = BuildChain(2, 11);
                break;
            case "invalid record":
                byte[] bad = chain[2].Records[1].Header;
                recordCheck = r => !ReferenceEquals(r.Header, bad);
                break;
            case "other hospital":
                chain[0] = chain[0] with { Header = chain[0].Header with { HospitalPid = [1] } };
                break;
        }
        var validator = new ChainValidator(s_p, s_hospital.PublicKey, s_pid, BlockPolicy.Paper, recordCheck);
        ChainValidationResult result = validator.Validate(chain);
        Assert.Equal(expected, result.Failure);
        Assert.Equal(height, result.FirstBadHeight);
    }

    [Fact]
    public void UntouchedChainIsValid()
    {
        var validator = new ChainValidator(s_p, s_hospital.PublicKey, s_pid, BlockPolicy.Paper, _ => true);
        List<Block> chain = BuildChain(4, 3);
        Assert.True(validator.Validate(chain).IsValid);
        // A replica holding blocks 0..1 validates 2..3 as their continuation.
        Assert.True(validator.Validate(chain.Skip(2), chain[1]).IsValid);
    }

    [Fact]
    public void BlocksRoundTripThroughTheirEncodings()
    {
        Block block = BuildChain(1, 3)[0];
        Assert.True(BlockHeader.TryDecode(block.Header.Encode(), out BlockHeader? header));
        Assert.Equal(block.Header.Hash(), header!.Hash());
        Assert.True(LedgerRecord.TryDecode(block.Records[2].Encode(), out LedgerRecord? record));
        Assert.True(record!.SameAs(block.Records[2]));
        Assert.False(BlockHeader.TryDecode(block.Header.Encode()[..^1], out _));
        Assert.True(Block.TryDecode(block.Encode(), out Block? decoded));
        Assert.Equal(block.Header.Hash(), decoded!.Header.Hash());
        Assert.Equal(block.Signature, decoded.Signature);
        Assert.Equal(block.Records.Count, decoded.Records.Count);
        Assert.True(decoded.Records[1].SameAs(block.Records[1]));
        Assert.False(Block.TryDecode(block.Encode()[..^1], out _));
        Assert.False(Block.TryDecode([.. block.Encode(), 1], out _));
        Assert.False(LedgerRecord.TryDecode([.. block.Records[0].Encode(), 0], out _));
    }

    [Fact]
    public void PolicySealsAtTenOrAfterTheInterval()
    {
        BlockPolicy policy = BlockPolicy.Paper;
        Assert.False(policy.ShouldSeal(9, TimeSpan.FromSeconds(59)));
        Assert.True(policy.ShouldSeal(10, TimeSpan.Zero));
        Assert.True(policy.ShouldSeal(1, TimeSpan.FromSeconds(60)));
        Assert.False(policy.ShouldSeal(0, TimeSpan.FromHours(1)));
    }

    private static List<Block> BuildChain(int blocks, int recordsPerBlock)
    {
        var chain = new List<Block>();
        Block? previous = null;
        for (int b = 0; b < blocks; b++)
        {
            var records = new List<LedgerRecord>();
            for (int r = 0; r < recordsPerBlock; r++)
            {
                records.Add(new LedgerRecord([(byte)b, (byte)r, 1], LedgerRecord.HashBody([(byte)r]), [(byte)r], s_pid, [2], s_hospital.PublicKey.Encode(), [3]));
            }
            previous = Block.Seal(s_hospital, s_pid, previous?.Header, records, DateTimeOffset.UnixEpoch.AddSeconds(1000 + b));
            chain.Add(previous);
        }
        return chain;
    }
}
