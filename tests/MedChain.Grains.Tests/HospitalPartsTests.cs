using MedChain.Crypto;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hospital;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Signatures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedChain.Grains.Tests;

/// <summary>The hospital grain's parts without a silo: in-memory stores, state whose writes can fail, a fake clock.</summary>
public sealed class HospitalPartsTests
{
    private static readonly Lazy<(SystemParameters P, SecretKey Hospital, SecretKey Doctor)> s_keys = new(() =>
    {
        (SystemParameters p, SecretKey master) = SystemSetup.Initialize(80);
        master.Dispose();
        return (p, SecretKey.Generate(p), SecretKey.Generate(p));
    });

    [Fact]
    public async Task OneWriteCarriesTheRecordsOfBroadcastsVerifiedMeanwhileAndAFailedWriteFailsAllOfThemAndKeepsNone()
    {
        var gate = new SemaphoreSlim(1, 1);
        var inFlight = new VerificationsInFlight(TimeProvider.System);
        var commit = new GroupCommit<int>(gate, inFlight, enough: 3, TimeSpan.FromSeconds(5));
        var writes = new List<int[]>();
        Task Write(IReadOnlyList<int> batch)
        {
            writes.Add([.. batch]);
            return Task.CompletedTask;
        }

        // While two more broadcasts are being verified, the first caller's commit waits for them.
        inFlight.Started();
        inFlight.Started();
        Task first = commit.CommitAsync(1, Write, () => Task.CompletedTask);
        Task second = commit.CommitAsync(2, Write, () => Task.CompletedTask);
        Assert.Same(commit.Queued(i => i == 2), commit.Queued(i => i == 2));
        inFlight.Finished();
        Task third = commit.CommitAsync(3, Write, () => Task.CompletedTask);
        inFlight.Finished();
        await Task.WhenAll(first, second, third);
        Assert.Equal([[1, 2, 3]], writes);
        Assert.Null(commit.Queued(_ => true));

        Task Fail(IReadOnlyList<int> batch) => Task.FromException(new IOException("storage is down"));
        inFlight.Started();
        Task a = commit.CommitAsync(4, Fail, () => Task.CompletedTask);
        Task b = commit.CommitAsync(5, Fail, () => Task.CompletedTask);
        inFlight.Finished();
        await Assert.ThrowsAsync<IOException>(() => a);
        await Assert.ThrowsAsync<IOException>(() => b);
        Assert.Null(commit.Queued(_ => true));
        await commit.CommitAsync(6, Write, () => Task.CompletedTask);
        Assert.Equal([6], writes[^1]);
    }

    [Fact]
    public async Task TheDirectoryRefusesAnotherKeyAndAFailedWriteChangesNothing()
    {
        (SystemParameters p, _, SecretKey doctor) = s_keys.Value;
        var store = new InMemoryMemberStore();
        var directory = new MemberDirectory("h", store, CreditPolicy.Default, id => "p-" + id);
        byte[] key = doctor.PublicKey.Encode();
        int profiles = 0;
        Task Profile()
        {
            profiles++;
            return Task.CompletedTask;
        }

        store.FailNext = 1;
        await Assert.ThrowsAsync<IOException>(() => directory.RegisterDoctorAsync("d", key, Profile));
        Assert.Null(await directory.DoctorAsync("d"));
        DoctorEntry entry = await directory.RegisterDoctorAsync("d", key, Profile);
        Assert.Same(entry, await directory.RegisterDoctorAsync("d", key, Profile));
        Assert.Equal(2, profiles);
        RefusalException other = await Assert.ThrowsAsync<RefusalException>(() => directory.RegisterDoctorAsync("d", SecretKey.Generate(p).PublicKey.Encode(), Profile));
        Assert.Equal(Refusal.Conflict, other.Kind);

        store.FailNext = 1;
        await Assert.ThrowsAsync<IOException>(() => directory.PenalizeAsync("d", entry));
        Assert.Equal(CreditPolicy.Default.Initial, entry.Credit);
        await directory.PenalizeAsync("d", entry);
        Assert.Equal(CreditPolicy.Default.Initial - CreditPolicy.Default.InvalidRecordPenalty, (await new MemberDirectory("h", store, CreditPolicy.Default, id => "p-" + id).DoctorAsync("d"))!.Credit);
    }

    [Fact]
    public async Task AFullPoolSealsABlockWhoseHeadRidesOnTheNextWriteAndABlockStoredBeyondTheWrittenHeadIsAdoptedOnce()
    {
        (SystemParameters p, SecretKey hospital, SecretKey doctor) = s_keys.Value;
        var blocks = new InMemoryBlockStore();
        var index = new InMemoryRecordIndex();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var state = new InMemoryState<HospitalState>(new HospitalState { Pid = [7, 7, 7], LastSealMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        var handedOver = new List<byte[]>();
        ChainSealer Sealer(InMemoryState<HospitalState> s) => new(s, new SealedChain("h", blocks, index, () => s.State.Height), blocks, index,
            new BlockPolicy(3, TimeSpan.FromMinutes(1)), () => Task.FromResult(hospital), handedOver.Add, clock, NullLogger.Instance);
        ChainSealer sealer = Sealer(state);
        List<PendingRecord> records = [.. Enumerable.Range(0, 4).Select(i => Pending(p, doctor, i))];

        // A failed write of the pool leaves it as it was.
        state.FailNext = 1;
        await Assert.ThrowsAsync<IOException>(() => sealer.AppendAsync(records[..3]));
        Assert.Empty(state.State.Pending);
        await sealer.AppendAsync(records[..3]);
        await sealer.SealFullBlocksAsync();
        Assert.Equal((0L, 0), (state.State.Height, state.State.Pending.Count));
        Assert.True(sealer.HeadUnwritten);
        Assert.Equal(-1L, state.Stored!.Height);
        Assert.Single(handedOver);
        Assert.NotNull(await blocks.ReadAsync("h", 0));
        Assert.Equal(new RecordPlace(0, 2), await new SealedChain("h", blocks, index, () => 0).LocateAsync(LedgerRecord.IdOf(records[2].Record)));

        // The process dies before the head is written: a new activation over what storage holds
        // (three pending, no head) adopts block 0 at its first tick instead of sealing those records again.
        var restarted = new InMemoryState<HospitalState>(state.Stored);
        ChainSealer next = Sealer(restarted);
        Assert.Equal((-1L, 3), (restarted.State.Height, restarted.State.Pending.Count));
        Assert.True(next.HasWork);
        await next.TickAsync();
        Assert.Equal((0L, 0), (restarted.State.Height, restarted.State.Pending.Count));
        Assert.Equal(0L, restarted.Stored!.Height);
        Assert.Null(await blocks.ReadAsync("h", 1));
        await next.AppendAsync(records[3..]);
        ChainHead head = await next.SealNowAsync();
        Assert.Equal((1L, 0), (head.Height, head.Pending));
        Block second = Block.TryDecode((await blocks.ReadAsync("h", 1))!, out Block? b) ? b! : throw new InvalidDataException();
        Assert.Equal([LedgerRecord.IdOf(records[3].Record)], second.Records.Select(r => r.RecordId()));
        Assert.Null(await blocks.ReadAsync("h", 2));
    }

    /// <summary>A signed ledger record (validity does not matter to the sealer: it seals what the verifier accepted).</summary>
    private static PendingRecord Pending(SystemParameters p, SecretKey doctor, int i)
    {
        using Scalar t = p.Hashes.Symptom("R50.9");
        byte[] sealedRecord = RecordEncryption.Encrypt(p, doctor.PublicKey, t, System.Text.Encoding.UTF8.GetBytes($"visit {i}")).Encode();
        (LedgerRecord unsigned, _) = LedgerRecord.FromSealed(p, sealedRecord, [(byte)i], [7, 7, 7], [1], doctor.PublicKey.Encode(), []);
        LedgerRecord signed = unsigned with { Signature = SchnorrSignature.Sign(doctor, SignaturePurpose.LedgerRecord, unsigned.SignedBytes()).Encode() };
        return new PendingRecord { PatientId = "p", Record = signed.Encode() };
    }
}
