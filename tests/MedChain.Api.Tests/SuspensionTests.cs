using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Tests;

/// <summary>
/// Credit over HTTP (issue 11 §7): doctors' reports are filed, not upheld; two reports the sm-admin
/// upholds suspend the hospital and its broadcasts are 403; the sm-admin reinstates it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SuspensionTests(ApiFixture stack)
{
    [Fact]
    public async Task ReportsUpheldByTheSmAdminSuspendAHospitalUntilHeReinstatesIt()
    {
        World w = await World.CreateAsync(stack);
        string h1 = w.Ids["hospital"];
        using SecretKey secondKey = SecretKey.Generate(w.Parameters);
        var secondDevice = new DoctorDevice(w.Parameters, secondKey);
        string second = secondDevice.DoctorId;
        await w.Clients["hospital"].RegisterDoctorAsync(second, secondKey.PublicKey, secondDevice.Enrollment(h1));
        var secondClient = MedChainClient.Create(stack.BaseAddress);
        await secondClient.LoginAsync("doctor", second, secondKey);
        MedChainClient admin = w.Clients["sm-admin"];
        int before = (await admin.GetHospitalAsync(h1)).Credit;

        ReportFiled first = await w.Clients["doctor"].ReportAsync(w.Ids["doctor"], h1, "records withheld");
        Assert.Equal(first.ReportId, (await w.Clients["doctor"].ReportAsync(w.Ids["doctor"], h1, "again, same doctor")).ReportId);
        ReportFiled other = await secondClient.ReportAsync(second, h1, "records altered");
        // Two insiders' reports alone cost nothing.
        Assert.Equal(before, (await admin.GetHospitalAsync(h1)).Credit);
        Assert.Equal(["pending", "pending"], (await admin.GetReportsAsync("pending")).Where(r => r.HospitalId == h1).Select(r => r.Status));

        await admin.DecideReportAsync(first.ReportId, uphold: true);
        int after = (await admin.DecideReportAsync(other.ReportId, uphold: true)).Credit;
        Assert.Equal(before - 40, after);
        MedChainApiException refused = await EventuallyRefusedAsync(w, "after the suspension");
        Assert.Equal(403, refused.Status);
        Assert.Contains("suspended", refused.Detail);

        Assert.Equal(before, (await admin.ReinstateHospitalAsync(h1)).Credit);
        await World.Eventually(async () =>
        {
            try
            {
                await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], w.Record("reinstated"));
                return true;
            }
            catch (MedChainApiException e) when (e.Status == 403)
            {
                return false;
            }
        });
    }

    /// <summary>The SM tells the hospital without waiting: the first broadcast it refuses, within a few seconds.</summary>
    private static async Task<MedChainApiException> EventuallyRefusedAsync(World w, string text)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], w.Record($"{text} {attempt}"));
                await Task.Delay(100);
            }
            catch (MedChainApiException e)
            {
                return e;
            }
        }
        throw new Xunit.Sdk.XunitException("The suspended hospital kept taking broadcasts.");
    }
}
