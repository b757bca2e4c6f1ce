using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Tests;

/// <summary>Replicas receive blocks asynchronously: audits are repeated until every replica has caught up (or a deadline passes).</summary>
public static class AuditPolling
{
    public static async Task<AuditReport> UntilReplicasCaughtUpAsync(IHospitalGrain hospital, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            AuditReport report = await hospital.AuditAsync(full: false);
            if (report.ReplicaHeights.All(h => h == report.Height) || DateTime.UtcNow > deadline)
            {
                return report;
            }
            await Task.Delay(100);
        }
    }
}
