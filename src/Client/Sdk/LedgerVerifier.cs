using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Client.Sdk;

/// <summary>
/// Checks on the client's side, trusting only the hospital's public key from the SM: a Merkle
/// receipt (leaf in the root, root in a header the hospital signed) and a whole chain (links,
/// roots, hospital signatures, doctors' signatures), block by block as the API serves it.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>
    /// Null when the receipt proves that the record <paramref name="recordId"/> (hex leaf hash) is
    /// in a block the hospital signed; else why not.
    /// </summary>
    public static string? VerifyReceipt(SystemParameters parameters, HospitalInfo hospital, string recordId, RecordReceipt receipt)
    {
        if (!string.Equals(receipt.LeafHash, recordId, StringComparison.OrdinalIgnoreCase) || receipt.HospitalId != hospital.HospitalId)
        {
            return "the receipt is for another record or hospital";
        }
        if (!BlockHeader.TryDecode(Convert.FromBase64String(receipt.Header), out BlockHeader? header))
        {
            return "the header does not decode";
        }
        if (header!.Height != receipt.Height || header.RecordCount != receipt.RecordCount)
        {
            return "the header's height or record count differs from the receipt";
        }
        if (!header.HospitalPid.AsSpan().SequenceEqual(Convert.FromBase64String(hospital.Pid)))
        {
            return "the header names another hospital";
        }
        byte[][] path = [.. receipt.Path.Select(Convert.FromHexString)];
        if (!MerkleTree.VerifyInclusion(Convert.FromHexString(receipt.LeafHash), receipt.Index, receipt.RecordCount, path, header.MerkleRoot))
        {
            return "the audit path does not lead to the header's Merkle root";
        }
        return SignedByHospital(parameters, hospital, header, Convert.FromBase64String(receipt.HeaderSignature))
            ? null
            : "the hospital's signature on the header does not verify";
    }

    /// <summary>
    /// Fetches and validates a hospital's whole chain, records included (what its hospital and an
    /// sm-admin may read); the result names the first bad height.
    /// </summary>
    public static async Task<ChainValidationResult> VerifyChainAsync(MedChainClient client, SystemParameters parameters, string hospitalId, CancellationToken cancellation = default)
    {
        (ChainValidator validator, ChainHeadInfo head) = await ValidatorAsync(client, parameters, hospitalId, cancellation);
        Block? previous = null;
        for (long height = 0; height <= head.Height; height++)
        {
            BlockInfo info = await client.GetBlockAsync(hospitalId, height, cancellation);
            if (!Block.TryDecode(Convert.FromBase64String(info.Block), out Block? block))
            {
                return new ChainValidationResult(ChainFailure.Undecodable, height, "the block does not decode");
            }
            ChainValidationResult result = validator.ValidateNext(block!, previous);
            if (!result.IsValid)
            {
                return result;
            }
            previous = block;
        }
        return ChainValidationResult.Valid;
    }

    /// <summary>
    /// Fetches and validates a hospital's chain of signed headers (what every participant may read:
    /// heights, links and the hospital's signatures, not the records); the result names the first bad height.
    /// </summary>
    public static async Task<ChainValidationResult> VerifyHeadersAsync(MedChainClient client, SystemParameters parameters, string hospitalId, CancellationToken cancellation = default)
    {
        (ChainValidator validator, ChainHeadInfo head) = await ValidatorAsync(client, parameters, hospitalId, cancellation);
        BlockHeader? previous = null;
        for (long height = 0; height <= head.Height; height++)
        {
            BlockHeaderInfo info = await client.GetBlockHeaderAsync(hospitalId, height, cancellation);
            if (!BlockHeader.TryDecode(Convert.FromBase64String(info.Header), out BlockHeader? header))
            {
                return new ChainValidationResult(ChainFailure.Undecodable, height, "the header does not decode");
            }
            ChainValidationResult result = validator.ValidateNextHeader(header!, Convert.FromBase64String(info.Signature), previous);
            if (!result.IsValid)
            {
                return result;
            }
            previous = header;
        }
        return ChainValidationResult.Valid;
    }

    private static async Task<(ChainValidator Validator, ChainHeadInfo Head)> ValidatorAsync(MedChainClient client, SystemParameters parameters, string hospitalId, CancellationToken cancellation)
    {
        HospitalInfo hospital = await client.GetHospitalAsync(hospitalId, cancellation);
        ChainHeadInfo head = await client.GetHeadAsync(hospitalId, cancellation);
        var validator = new ChainValidator(parameters, PublicKey.Decode(parameters, Convert.FromBase64String(hospital.PublicKey)),
            Convert.FromBase64String(hospital.Pid), new BlockPolicy(int.MaxValue), r => DoctorSigned(parameters, r));
        return (validator, head);
    }

    private static bool SignedByHospital(SystemParameters p, HospitalInfo hospital, BlockHeader header, byte[] signature) =>
        PublicKey.TryDecode(p, Convert.FromBase64String(hospital.PublicKey), out PublicKey? key, out _)
        && SchnorrSignature.TryVerify(p, key!, SignaturePurpose.BlockHeader, header.Hash(), signature);

    private static bool DoctorSigned(SystemParameters p, LedgerRecord record) =>
        PublicKey.TryDecode(p, record.DoctorKey, out PublicKey? key, out _)
        && SchnorrSignature.TryVerify(p, key!, SignaturePurpose.LedgerRecord, record.SignedBytes(), record.Signature);
}
