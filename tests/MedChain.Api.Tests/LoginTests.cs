using System.Net;
using System.Net.Http.Json;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Tests;

/// <summary>Key login: single-use challenges, signatures checked against the registered key, tokens that expire.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoginTests(ApiFixture stack)
{
    [Fact]
    public async Task AReplayedNonceIsRefused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress) };
        ChallengeResponse challenge = await ChallengeAsync(http, "sm-admin", ApiFixture.AdminId);
        LoginRequest login = Sign(stack.AdminKey, challenge.Nonce, "sm-admin", ApiFixture.AdminId);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("auth/login", login)).StatusCode);
        HttpResponseMessage replay = await http.PostAsJsonAsync("auth/login", login);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("already used", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWrongKeyAnUnknownParticipantAndAChallengeForSomeoneElseAreRefused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress) };
        using SecretKey other = SecretKey.Generate(SystemParameters.Administration(80));

        ChallengeResponse c1 = await ChallengeAsync(http, "sm-admin", ApiFixture.AdminId);
        HttpResponseMessage wrongKey = await http.PostAsJsonAsync("auth/login", Sign(other, c1.Nonce, "sm-admin", ApiFixture.AdminId));
        ChallengeResponse c2 = await ChallengeAsync(http, "sm-admin", "not-the-admin");
        HttpResponseMessage unknown = await http.PostAsJsonAsync("auth/login", Sign(stack.AdminKey, c2.Nonce, "sm-admin", "not-the-admin"));
        ChallengeResponse c3 = await ChallengeAsync(http, "doctor", "someone");
        HttpResponseMessage elsewhere = await http.PostAsJsonAsync("auth/login", Sign(stack.AdminKey, c3.Nonce, "sm-admin", ApiFixture.AdminId));
        // The nonce of the refused attempt is spent too: a correct answer afterwards fails.
        HttpResponseMessage spent = await http.PostAsJsonAsync("auth/login", Sign(stack.AdminKey, c1.Nonce, "sm-admin", ApiFixture.AdminId));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, spent.StatusCode);
    }

    [Fact]
    public async Task ASignatureMadeForAnotherApiOriginIsRefused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress) };
        ChallengeResponse relayed = await ChallengeAsync(http, "sm-admin", ApiFixture.AdminId);
        ChallengeResponse direct = await ChallengeAsync(http, "sm-admin", ApiFixture.AdminId);

        // What a look-alike API relaying the challenge would get from the user: a signature for its own origin.
        HttpResponseMessage phished = await http.PostAsJsonAsync("auth/login", Sign(stack.AdminKey, relayed.Nonce, "sm-admin", ApiFixture.AdminId, "https://medchain-login.example"));
        HttpResponseMessage genuine = await http.PostAsJsonAsync("auth/login", Sign(stack.AdminKey, direct.Nonce, "sm-admin", ApiFixture.AdminId));

        Assert.Equal(HttpStatusCode.Unauthorized, phished.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task ADoctorLogsInWithHisRegisteredKeyOnly()
    {
        World w = await World.CreateAsync(stack);
        var impostor = MedChainClient.Create(stack.BaseAddress);
        using SecretKey wrong = SecretKey.Generate(w.Parameters);

        MedChainApiException refused = await Assert.ThrowsAsync<MedChainApiException>(() => impostor.LoginAsync("doctor", w.Ids["doctor"], wrong));
        await impostor.LoginAsync("doctor", w.Ids["doctor"], w.Keys["doctor"]);

        Assert.Equal(401, refused.Status);
        Assert.NotNull(impostor.Token);
    }

    [Fact]
    public async Task ExpiredForgedAndWrongAudienceTokensFail()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseAddress) };
        string expired = TestTokens.Create(stack.JwtKey, "medchain-api", DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(-1));
        string forged = TestTokens.Create(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "medchain-api", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));
        string audience = TestTokens.Create(stack.JwtKey, "another-api", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));
        string valid = TestTokens.Create(stack.JwtKey, "medchain-api", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));

        foreach (string bad in new[] { expired, forged, audience })
        {
            HttpResponseMessage r = await SetupAsync(http, bad);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("expired", await (await SetupAsync(http, expired)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SetupAsync(http, valid)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SetupAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "system/setup");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<ChallengeResponse> ChallengeAsync(HttpClient http, string role, string subject)
    {
        HttpResponseMessage response = await http.PostAsJsonAsync("auth/challenge", new ChallengeRequest(role, subject));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChallengeResponse>())!;
    }

    private LoginRequest Sign(SecretKey key, string nonce, string role, string subject, string? origin = null) =>
        new(role, subject, nonce, Convert.ToBase64String(SchnorrSignature.Sign(key, SignaturePurpose.Login,
            LoginStatement.Encode(nonce, role, subject, origin ?? LoginStatement.OriginOf(new Uri(stack.BaseAddress)))).Encode()));
}
