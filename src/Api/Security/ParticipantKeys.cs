using MedChain.GrainInterfaces;

namespace MedChain.Api.Security;

/// <summary>Whether a doctor's or patient's key has been revoked (asked at login and for every request his token makes).</summary>
internal static class ParticipantKeys
{
    /// <summary>True when <paramref name="role"/> is doctor or patient and the sm-admin revoked <paramref name="subject"/>'s key.</summary>
    public static async Task<bool> RevokedAsync(IClusterClient cluster, string? role, string subject) => role switch
    {
        Roles.Doctor => await cluster.GetGrain<IDoctorGrain>(subject).IsRevokedAsync(),
        Roles.Patient => await cluster.GetGrain<IPatientGrain>(subject).IsRevokedAsync(),
        _ => false,
    };

    /// <summary>
    /// <see cref="RevokedAsync"/> for a token: false when the cluster cannot answer, so the request
    /// goes on to its own grain calls, which answer 503 as for any caller.
    /// </summary>
    public static async Task<bool> TokenRevokedAsync(IClusterClient cluster, string? role, string subject)
    {
        try
        {
            return await RevokedAsync(cluster, role, subject);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
