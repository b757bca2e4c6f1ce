using System.Net;
using System.Net.Http.Json;
using MedChain.Contracts;

namespace MedChain.Api.Tests.Security;

/// <summary>
/// Issue 11 §2, the replay: a doctor keeps the trapdoors of an old consent ("fever"), the patient
/// revokes it and later consents "for asthma", and the doctor sends the old fever trapdoors under
/// the new consent. The consent signs the hashes of its own trapdoors and their hospitals, and the
/// proxy takes only those: the replay is refused, the new consent's own ticket is served.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConsentScopeTests(ApiFixture stack)
{
    [Fact]
    public async Task OldTrapdoorsAreRefusedUnderANewConsent()
    {
        World w = await stack.SharedWorldAsync();
        string p1 = w.Ids["patient"];
        using var http = new HttpClient();
        (GrantConsentRequest fever, ShareRequest feverTicket) = w.ConsentFor("doctor-other", "fever-" + Guid.NewGuid().ToString("N")[..8]);
        await w.Clients["patient"].GrantConsentAsync(p1, fever);
        Assert.Equal(10, (await w.Clients["doctor-other"].ShareAsync(feverTicket)).Records.Length);
        await w.Clients["patient"].RevokeConsentAsync(p1, fever.ConsentId);

        string asthmaId = "asthma-" + Guid.NewGuid().ToString("N")[..8];
        (GrantConsentRequest asthma, ShareRequest asthmaTicket) = w.PatientDevice("patient").Consent(asthmaId,
            new DoctorInfo(w.Ids["doctor-other"], "", Convert.ToBase64String(w.Keys["doctor-other"].PublicKey.Encode()), 0, false, false),
            DateTimeOffset.UtcNow.AddHours(1), [new PatientHospital(w.H1.Pid, w.H1.PublicKey)], "J45.909");
        await w.Clients["patient"].GrantConsentAsync(p1, asthma);

        // The replay: the fever trapdoors under the asthma consent.
        using HttpResponseMessage replay = await http.SendAsync(w.Request("doctor-other", HttpMethod.Post, "sharing", feverTicket with { ConsentId = asthmaId }));
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Contains("OutsideConsent", await replay.Content.ReadAsStringAsync());

        // A trapdoor of the consent's, sent for a hospital it does not name, is refused too.
        string otherPid = Convert.ToBase64String(new byte[16]);
        using HttpResponseMessage moved = await http.SendAsync(w.Request("doctor-other", HttpMethod.Post, "sharing",
            asthmaTicket with { Trapdoors = new() { [otherPid] = asthmaTicket.Trapdoors.Values.Single() } }));
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);

        // What the patient consented to is served (no asthma records: an empty history, not a refusal).
        using HttpResponseMessage served = await http.SendAsync(w.Request("doctor-other", HttpMethod.Post, "sharing", asthmaTicket));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Empty((await served.Content.ReadFromJsonAsync<RecordList>())!.Records);
    }
}
