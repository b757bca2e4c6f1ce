using MedChain.Client.Sdk;
using MedChain.Protocol.Keys;

namespace MedChain.Api.Tests;

/// <summary>Credit over HTTP: upheld reports by a hospital's own doctors suspend it, and it takes no more records.</summary>
[Collection(ApiCollection.Name)]
public sealed class SuspensionTests(ApiFixture stack)
{
    [Fact]
    public async Task TwoUpheldReportsSuspendAHospitalAndItsBroadcastsAre403()
    {
        World w = await World.CreateAsync(stack);
        string h1 = w.Ids["hospital"];
        using SecretKey secondKey = SecretKey.Generate(w.Parameters);
        string second = "d2-" + Guid.NewGuid().ToString("N")[..8];
        await w.Clients["hospital"].RegisterDoctorAsync(second, secondKey.PublicKey, new DoctorDevice(w.Parameters, second, secondKey).Enrollment(h1));
        var secondClient = MedChainClient.Create(stack.BaseAddress);
        await secondClient.LoginAsync("doctor", second, secondKey);
        int before = (await w.Clients["hospital"].GetHospitalAsync(h1)).Credit;

        await w.Clients["doctor"].ReportAsync(w.Ids["doctor"], h1, "records withheld");
        await w.Clients["doctor"].ReportAsync(w.Ids["doctor"], h1, "again, same doctor");
        int after = (await secondClient.ReportAsync(second, h1, "records altered")).Credit;
        // The SM tells the hospital without waiting: allow the message a moment to arrive.
        MedChainApiException? refused = null;
        for (int attempt = 0; refused is null && attempt < 50; attempt++)
        {
            try
            {
                await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], w.Record($"after the suspension {attempt}"));
                await Task.Delay(100);
            }
            catch (MedChainApiException e)
            {
                refused = e;
            }
        }

        Assert.Equal(before - 40, after);
        Assert.NotNull(refused);
        Assert.Equal(403, refused.Status);
        Assert.Contains("suspended", refused.Detail);
    }
}
