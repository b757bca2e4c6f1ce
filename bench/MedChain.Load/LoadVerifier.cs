using MedChain.Client.Sdk;
using MedChain.Contracts;

namespace MedChain.Load;

/// <summary>What the check after a run found.</summary>
public sealed record VerifyResult(long Acked, long InOneBlock, long Missing, long Duplicated, int ReceiptsChecked, int ReceiptsValid, int AuditsConsistent, int Hospitals,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every acknowledged record in exactly one sealed block, every receipt checked valid, every audit consistent.</summary>
    public bool Passed => Missing == 0 && Duplicated == 0 && ReceiptsValid == ReceiptsChecked && AuditsConsistent == Hospitals;
}

/// <summary>
/// The check after a run: each hospital seals what is pending; every acknowledged record is in
/// exactly one sealed block of its hospital (all blocks read by the hospital's operator); the
/// receipts of up to <c>receipts</c> acknowledged records verify against the signed header (by
/// the doctor who broadcast them, <see cref="LedgerVerifier.VerifyReceipt"/>); each chain's audit is
/// consistent (retried while a replica catches up).
/// </summary>
public static class LoadVerifier
{
    /// <summary>Runs the check.</summary>
    public static async Task<VerifyResult> VerifyAsync(LoadPopulation population, IReadOnlyCollection<AckedRecord> acked, int receipts, CancellationToken ct)
    {
        var problems = new List<string>();
        var counts = new Dictionary<(string Hospital, string Record), int>();
        int consistent = 0;
        foreach (LoadHospital h in population.Hospitals)
        {
            ChainHeadInfo head = await PatientlyAsync(() => h.Client.SealAsync(h.Id, ct), ct);
            for (long height = 0; height <= head.Height; height++)
            {
                foreach (BlockRecord r in (await PatientlyAsync(() => h.Client.GetBlockAsync(h.Id, height, ct), ct)).Records)
                {
                    counts[(h.Id, r.RecordId)] = counts.GetValueOrDefault((h.Id, r.RecordId)) + 1;
                }
            }
            AuditInfo audit = await PatientlyAsync(() => h.Client.AuditAsync(h.Id, ct), ct);
            for (int attempt = 0; !audit.Consistent && audit.Reason?.Contains("behind", StringComparison.Ordinal) == true && attempt < 60; attempt++)
            {
                await Task.Delay(500, ct);
                audit = await PatientlyAsync(() => h.Client.AuditAsync(h.Id, ct), ct);
            }
            if (audit.Consistent)
            {
                consistent++;
            }
            else
            {
                problems.Add($"{h.Id}: audit at height {audit.Height}: {audit.Reason} (first bad height {audit.FirstBadHeight})");
            }
        }
        long inOne = 0, missing = 0, duplicated = 0;
        foreach (AckedRecord a in acked)
        {
            switch (counts.GetValueOrDefault((a.Hospital.Id, a.RecordId)))
            {
                case 1: inOne++; break;
                case 0: missing++; problems.Add($"{a.Hospital.Id}: acknowledged record {a.RecordId} is in no sealed block"); break;
                default: duplicated++; problems.Add($"{a.Hospital.Id}: acknowledged record {a.RecordId} is in more than one block"); break;
            }
        }
        int checkedReceipts = 0, valid = 0;
        foreach (AckedRecord a in acked.Take(receipts))
        {
            checkedReceipts++;
            try
            {
                RecordReceipt receipt = await PatientlyAsync(() => a.Doctor.Client.GetReceiptAsync(a.Hospital.Id, a.RecordId, ct), ct);
                if (LedgerVerifier.VerifyReceipt(population.Parameters, a.Hospital.Info, a.RecordId, receipt) is { } why)
                {
                    problems.Add($"{a.Hospital.Id}: receipt of {a.RecordId}: {why}");
                }
                else
                {
                    valid++;
                }
            }
            catch (MedChainApiException e)
            {
                problems.Add($"{a.Hospital.Id}: receipt of {a.RecordId}: {e.Status} {e.Detail}");
            }
        }
        return new VerifyResult(acked.Count, inOne, missing, duplicated, checkedReceipts, valid, consistent, population.Hospitals.Count, problems);
    }

    /// <summary>A call of the check, waited for through the load's rate limits (429) and a recovering cluster (503), for up to two minutes.</summary>
    private static async Task<T> PatientlyAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (MedChainApiException e) when (e.Status is 429 or 503 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }
}
