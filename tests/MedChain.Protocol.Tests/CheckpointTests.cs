using MedChain.Protocol.Checkpoints;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Tests;

/// <summary>Checkpoint notes and the append-only check a witness runs.</summary>
public sealed class CheckpointTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);

    [Fact]
    public void AnAccessLogThatOnlyGrewExtendsAndAnyOtherDoesNot()
    {
        byte[][] macs = [.. Enumerable.Range(0, 8).Select(i => System.Security.Cryptography.SHA256.HashData([(byte)i]))];
        Checkpoint At(int size, byte[][] entries) =>
            new("svc/access/x", size, entries.Take(size).Aggregate(LogConsistency.EmptyRoot(), (r, m) => LogConsistency.ExtendAccessLog(r, m)));
        Checkpoint three = At(3, macs), eight = At(8, macs);

        Assert.Null(LogConsistency.Verify(LogKind.AccessLog, three, eight, macs[3..]));
        Assert.Null(LogConsistency.Verify(LogKind.AccessLog, At(0, macs), eight, macs));
        Assert.Null(LogConsistency.Verify(LogKind.AccessLog, eight, eight, []));
        Assert.StartsWith("truncated", LogConsistency.Verify(LogKind.AccessLog, eight, three, []));
        // An entry witnessed at size 3 changed, the log regrown to 8: no proof from the witnessed root leads there.
        byte[][] forked = [.. macs];
        forked[1] = System.Security.Cryptography.SHA256.HashData("other"u8);
        Assert.StartsWith("rewritten", LogConsistency.Verify(LogKind.AccessLog, three, At(8, forked), forked[3..]));
        Assert.StartsWith("rewritten", LogConsistency.Verify(LogKind.AccessLog, eight, At(8, forked), []));
        // A proof of the wrong length is no proof.
        Assert.NotNull(LogConsistency.Verify(LogKind.AccessLog, three, eight, macs[4..]));
    }

    [Fact]
    public void AChainThatOnlyGrewExtendsAndARegrownOneDoesNot()
    {
        using SecretKey hospital = SecretKey.Generate(s_p);
        List<BlockHeader> Chain(int blocks, byte seed)
        {
            var headers = new List<BlockHeader>();
            Block? previous = null;
            for (int h = 0; h < blocks; h++)
            {
                var record = new LedgerRecord([seed, (byte)h], LedgerRecord.HashBody([seed]), [1], [2], [3], [4], [5]);
                previous = Block.Seal(hospital, [9], previous?.Header, [record], DateTimeOffset.UnixEpoch.AddSeconds(h));
                headers.Add(previous.Header);
            }
            return headers;
        }
        Checkpoint At(List<BlockHeader> headers, int size) => new("svc/chain/h", size, size == 0 ? LogConsistency.EmptyRoot() : headers[size - 1].Hash());
        List<BlockHeader> chain = Chain(5, 1);
        byte[][] Entries(List<BlockHeader> headers, int from, int to) => [.. headers.Skip(from).Take(to - from).Select(h => h.Encode())];

        Assert.Null(LogConsistency.Verify(LogKind.Chain, At(chain, 0), At(chain, 5), Entries(chain, 0, 5)));
        Assert.Null(LogConsistency.Verify(LogKind.Chain, At(chain, 2), At(chain, 5), Entries(chain, 2, 5)));
        Assert.StartsWith("truncated", LogConsistency.Verify(LogKind.Chain, At(chain, 5), At(chain, 3), []));
        // Truncated to 1 and regrown to 5 with other blocks: block 1 no longer follows the witnessed block 1.
        List<BlockHeader> regrown = [chain[0], .. Chain(5, 2).Skip(1)];
        string? wrong = LogConsistency.Verify(LogKind.Chain, At(chain, 2), At(regrown, 5), Entries(regrown, 2, 5));
        Assert.StartsWith("rewritten: entry 2", wrong);
    }

    [Fact]
    public void ANoteRoundTripsAndItsSignaturesAreBoundToTheirPurpose()
    {
        using SecretKey sm = SecretKey.Generate(s_p);
        using SecretKey witness = SecretKey.Generate(s_p);
        var checkpoint = new Checkpoint("svc/chain/h1", 42, System.Security.Cryptography.SHA256.HashData("root"u8));
        var note = new SignedNote(checkpoint, [(SignedNote.SystemManagerName, SignedNote.Sign(sm, SignaturePurpose.Checkpoint, checkpoint)),
            ("w1", SignedNote.Sign(witness, SignaturePurpose.Cosignature, checkpoint))]);
        Assert.True(SignedNote.TryParse(note.Text(), out SignedNote? parsed));
        Assert.Equal(checkpoint.Body(), parsed!.Checkpoint.Body());
        Assert.True(parsed.IsSignedBy(s_p, SignedNote.SystemManagerName, sm.PublicKey, SignaturePurpose.Checkpoint));
        Assert.True(parsed.IsSignedBy(s_p, "w1", witness.PublicKey, SignaturePurpose.Cosignature));
        // A cosignature is not a checkpoint signature, nor another signer's, nor of another size.
        Assert.False(parsed.IsSignedBy(s_p, "w1", witness.PublicKey, SignaturePurpose.Checkpoint));
        Assert.False(parsed.IsSignedBy(s_p, SignedNote.SystemManagerName, witness.PublicKey, SignaturePurpose.Checkpoint));
        var bigger = parsed with { Checkpoint = checkpoint with { Size = 43 } };
        Assert.False(bigger.IsSignedBy(s_p, SignedNote.SystemManagerName, sm.PublicKey, SignaturePurpose.Checkpoint));
        Assert.False(SignedNote.TryParse(note.Text().Replace("\n42\n", "\nforty-two\n", StringComparison.Ordinal), out _));
        Assert.False(Checkpoint.TryParseOrigin("svc/blocks/h1", out _, out _, out _));
    }
}
