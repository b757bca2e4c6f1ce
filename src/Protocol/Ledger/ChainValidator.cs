using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// Checks a hospital chain block by block: heights without gaps from the first block given, each
/// header linked to the previous one by hash, the Merkle root and count over the records, the
/// policy's record limit, the hospital's signature, and each record through an injected check
/// (doctor signature, ciphertext validity), and reports the first failure. Validation is separate
/// from hashing and signing; replicas run it on every block they receive.
/// </summary>
public sealed class ChainValidator
{
    private readonly SystemParameters _parameters;
    private readonly PublicKey _hospital;
    private readonly byte[] _hospitalPid;
    private readonly BlockPolicy _policy;
    private readonly Func<LedgerRecord, bool> _recordIsValid;

    /// <summary>A validator for one hospital's chain.</summary>
    public ChainValidator(SystemParameters parameters, PublicKey hospital, byte[] hospitalPid, BlockPolicy policy, Func<LedgerRecord, bool> recordIsValid)
    {
        _parameters = parameters;
        _hospital = hospital;
        _hospitalPid = hospitalPid;
        _policy = policy;
        _recordIsValid = recordIsValid;
    }

    /// <summary>Validates blocks in order; previous is the block before the first (null when the first is genesis).</summary>
    public ChainValidationResult Validate(IEnumerable<Block> blocks, Block? previous = null)
    {
        foreach (Block block in blocks)
        {
            ChainValidationResult result = ValidateNext(block, previous);
            if (!result.IsValid)
            {
                return result;
            }
            previous = block;
        }
        return ChainValidationResult.Valid;
    }

    /// <summary>Validates one block as the successor of <paramref name="previous"/>.</summary>
    public ChainValidationResult ValidateNext(Block block, Block? previous)
    {
        BlockHeader h = block.Header;
        if (LinkFailure(h, previous?.Header) is { } link)
        {
            return link;
        }
        if (block.Records.Count > _policy.MaxRecords)
        {
            return Fail(ChainFailure.TooManyRecords, h.Height, $"{block.Records.Count} records, at most {_policy.MaxRecords}");
        }
        byte[] root = MerkleTree.Root(block.Records.Select(r => r.LeafHash()).ToList());
        if (h.RecordCount != block.Records.Count || !root.AsSpan().SequenceEqual(h.MerkleRoot))
        {
            return Fail(ChainFailure.BadMerkleRoot, h.Height, "Merkle root or record count does not match the records");
        }
        if (!VerifySignature(h, block.Signature))
        {
            return Fail(ChainFailure.BadSignature, h.Height, "hospital signature does not verify");
        }
        for (int i = 0; i < block.Records.Count; i++)
        {
            if (!_recordIsValid(block.Records[i]))
            {
                return Fail(ChainFailure.InvalidRecord, h.Height, $"record {i} is invalid");
            }
        }
        return ChainValidationResult.Valid;
    }

    /// <summary>
    /// Validates a header alone as the successor of <paramref name="previous"/>: hospital, height,
    /// link, the policy's record limit and the hospital's signature. What auditors and witnesses can
    /// check without the records (which only the hospital and the SM may read).
    /// </summary>
    public ChainValidationResult ValidateNextHeader(BlockHeader header, byte[] signature, BlockHeader? previous)
    {
        if (LinkFailure(header, previous) is { } link)
        {
            return link;
        }
        if (header.RecordCount > _policy.MaxRecords)
        {
            return Fail(ChainFailure.TooManyRecords, header.Height, $"{header.RecordCount} records, at most {_policy.MaxRecords}");
        }
        return VerifySignature(header, signature)
            ? ChainValidationResult.Valid
            : Fail(ChainFailure.BadSignature, header.Height, "hospital signature does not verify");
    }

    /// <summary>The failure when the header is not of this hospital or not the next one after <paramref name="previous"/>, else null.</summary>
    private ChainValidationResult? LinkFailure(BlockHeader h, BlockHeader? previous)
    {
        long expectedHeight = previous is null ? 0 : previous.Height + 1;
        if (!h.HospitalPid.AsSpan().SequenceEqual(_hospitalPid))
        {
            return Fail(ChainFailure.WrongHospital, h.Height, "the block names another hospital");
        }
        if (h.Height != expectedHeight)
        {
            return Fail(ChainFailure.SkippedHeight, h.Height, $"expected height {expectedHeight}");
        }
        byte[] expectedPrevious = previous?.Hash() ?? new byte[BlockHeader.HashLength];
        return h.PreviousHash.AsSpan().SequenceEqual(expectedPrevious) ? null : Fail(ChainFailure.BrokenLink, h.Height, "previous hash does not match");
    }

    private bool VerifySignature(BlockHeader header, byte[] signature) =>
        SchnorrSignature.TryVerify(_parameters, _hospital, SignaturePurpose.BlockHeader, header.Hash(), signature);

    private static ChainValidationResult Fail(ChainFailure failure, long height, string detail) => new(failure, height, detail);
}
