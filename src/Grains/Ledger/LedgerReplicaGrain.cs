using MedChain.GrainInterfaces;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.Ledger;

/// <summary>
/// <see cref="ILedgerReplicaGrain"/>: validates each block as the successor of its own last block
/// with <see cref="ChainValidator"/> and stores it under its own chain name in the block store.
/// The stored blocks are its whole state: on activation the head is the highest stored block, so
/// a block costs one write. A block ahead of its head makes it fetch the missing ones first.
/// </summary>
public sealed class LedgerReplicaGrain(
    SystemParametersCache parameters,
    IBlockStore blocks,
    PublicKeyCache publicKeys,
    CryptoWorkers workers,
    IOptions<MedChainOptions> options) : Grain, ILedgerReplicaGrain
{
    private long _height = -1;
    private BlockHeader? _head;
    private ChainValidator? _validator;

    private string HospitalId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _height = await blocks.LastHeightAsync(Chain, cancellationToken);
        if (_height >= 0)
        {
            byte[] last = (await blocks.ReadAsync(Chain, _height, cancellationToken))!;
            _head = Block.TryDecode(last, out Block? block) ? block!.Header : throw new InvalidOperationException($"Replica block {_height} does not decode.");
        }
    }

    private string Chain => this.GetPrimaryKeyString().Replace('/', '~') + "~replica";

    /// <inheritdoc/>
    public async Task<string?> AppendAsync(byte[] encodedBlock)
    {
        if (!Block.TryDecode(encodedBlock, out Block? block))
        {
            return "malformed block";
        }
        if (block!.Header.Height <= _height)
        {
            // Already have it: the same block is fine (a retry), another one is a conflict.
            byte[]? mine = await blocks.ReadAsync(Chain, block.Header.Height);
            return mine is not null && mine.AsSpan().SequenceEqual(encodedBlock) ? null : "conflicting block";
        }
        IHospitalGrain hospital = GrainFactory.GetGrain<IHospitalGrain>(HospitalId);
        ChainValidator validator = _validator ??= await ValidatorAsync(hospital);
        for (long h = _height + 1; h < block.Header.Height; h++)
        {
            byte[]? missing = await hospital.GetBlockAsync(h);
            if (missing is null || !Block.TryDecode(missing, out Block? earlier))
            {
                return $"block {h} is missing at the hospital";
            }
            string? refused = await StoreAsync(validator, earlier!, missing);
            if (refused is not null)
            {
                return refused;
            }
        }
        return await StoreAsync(validator, block, encodedBlock);
    }

    /// <inheritdoc/>
    public Task<long> GetHeightAsync() => Task.FromResult(_height);

    /// <inheritdoc/>
    public Task<byte[]?> GetBlockAsync(long height) => blocks.ReadAsync(Chain, height);

    /// <summary>The hospital's identity (key and PID never change once it joined), fetched and decoded once per activation.</summary>
    private async Task<ChainValidator> ValidatorAsync(IHospitalGrain hospital)
    {
        (byte[] key, byte[] pid) = await hospital.GetIdentityAsync();
        SystemParameters p = await parameters.GetAsync();
        return LedgerNodeValidator.Create(p, publicKeys, key, pid, options.Value.BlockSize);
    }

    private async Task<string?> StoreAsync(ChainValidator validator, Block block, byte[] encoded)
    {
        Block? previous = _head is null ? null : new Block(_head, [], []);
        ChainValidationResult result = await workers.RunAsync(() => validator.ValidateNext(block, previous));
        if (!result.IsValid)
        {
            return $"{result.Failure} at height {result.FirstBadHeight}: {result.Detail}";
        }
        await blocks.WriteAsync(Chain, block.Header.Height, encoded);
        _height = block.Header.Height;
        _head = block.Header;
        return null;
    }
}
