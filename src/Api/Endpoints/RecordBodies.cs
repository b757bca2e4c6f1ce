using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.ReEncryption;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Completes answers that hand out records: the cluster answers with headers and body hashes, and
/// each body is read from its hospital on its own, so no cluster message carries more than one
/// body whatever the records weigh.
/// </summary>
internal static class RecordBodies
{
    /// <summary>The sealed records (header || body, base64) of a search's matches at one hospital.</summary>
    public static async Task<string[]> SealedRecordsAsync(IClusterClient cluster, string hospitalId, SearchMatch[] matches)
    {
        var records = new string[matches.Length];
        for (int i = 0; i < matches.Length; i++)
        {
            byte[] body = await ReadAsync(cluster, hospitalId, matches[i].RecordId, matches[i].BodyHash);
            records[i] = Convert.ToBase64String([.. matches[i].Header, .. body]);
        }
        return records;
    }

    /// <summary>The re-encrypted records (C2'' || header || body, base64) of a share.</summary>
    public static async Task<string[]> ReEncryptedAsync(IClusterClient cluster, SharedRecord[] shared)
    {
        var records = new string[shared.Length];
        for (int i = 0; i < shared.Length; i++)
        {
            SharedRecord r = shared[i];
            byte[] body = await ReadAsync(cluster, r.HospitalId, r.RecordId, r.BodyHash);
            records[i] = Convert.ToBase64String(ReEncryptedRecord.Encode(r.C2Transformed, [.. r.Header, .. body]));
        }
        return records;
    }

    private static async Task<byte[]> ReadAsync(IClusterClient cluster, string hospitalId, string recordId, byte[] bodyHash) =>
        await cluster.GetGrain<IHospitalGrain>(hospitalId).GetRecordBodyAsync(bodyHash)
            ?? throw new InvalidOperationException($"The body of record {recordId} at {hospitalId} is missing from storage.");
}
