using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Records;
using MedChain.Protocol.Search;

namespace MedChain.Grains.Hospital;

/// <summary>
/// The hospital server's search (III.E step 6): the patient's sealed records from the record index,
/// each tested against the trapdoor with <see cref="KeywordMatcher"/> on the crypto threads (a
/// pairing per record).
/// </summary>
internal static class RecordSearch
{
    /// <summary>The patient's records whose header matches the trapdoor, in chain order, with their ledger record ids and body hashes.</summary>
    public static async Task<SearchMatch[]> RunAsync(SystemParameters parameters, SecretKey hospital, Trapdoor trapdoor, SealedChain chain, string patientPseudonym, CryptoWorkers workers)
    {
        List<LedgerRecord> candidates = await chain.PatientRecordsAsync(patientPseudonym);
        return await workers.RunAsync(() =>
        {
            KeywordMatcher matcher = KeywordMatcher.Create(parameters, hospital, trapdoor);
            return candidates
                .Where(r => matcher.Matches(RecordCiphertext.Decode(parameters, r.Header)))
                .Select(r => new SearchMatch(r.RecordId(), r.Header, r.BodyHash))
                .ToArray();
        });
    }
}
