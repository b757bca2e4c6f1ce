using MedChain.Hosting;
using MedChain.Api.Security;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Hosting;

/// <summary>Checks <see cref="ApiOptions"/> at start; each failure names its configuration key and what it must be.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ApiOptions o)
    {
        var failures = new List<string>();
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                failures.Add(message);
            }
        }
        if (!AdminKey.TryRead(o.AdminId, o.AdminPublicKey, out _, out string? adminProblem))
        {
            failures.Add(adminProblem!);
        }
        Require(TokenIssuer.IsValidSigningKey(o.JwtSigningKey), "Api:JwtSigningKey must be empty (a random key per process) or the base64 of at least 32 bytes.");
        Require(o.PublicOrigin.Length == 0 || Uri.TryCreate(o.PublicOrigin, UriKind.Absolute, out _), "Api:PublicOrigin must be empty or an absolute URL (https://host).");
        Require(o.TokenLifetime > TimeSpan.Zero && o.TokenLifetime <= TimeSpan.FromDays(1), "Api:TokenLifetime must be between 0 and 1 day.");
        Require(o.ChallengeLifetime > TimeSpan.Zero && o.ChallengeLifetime <= TimeSpan.FromMinutes(10), "Api:ChallengeLifetime must be between 0 and 10 minutes.");
        Require(o.RateLimitPerMinute > 0, "Api:RateLimitPerMinute must be positive.");
        Require(o.LoginsPerMinute > 0, "Api:LoginsPerMinute must be positive.");
        Require(o.SearchesPerMinute > 0, "Api:SearchesPerMinute must be positive.");
        Require(o.SharesPerMinute > 0, "Api:SharesPerMinute must be positive.");
        Require(o.BroadcastsPerMinute > 0, "Api:BroadcastsPerMinute must be positive.");
        Require(o.FullAuditsPerMinute > 0, "Api:FullAuditsPerMinute must be positive.");
        Require(o.MaxOpenChallenges > 0, "Api:MaxOpenChallenges must be positive.");
        Require(o.KnownProxies.All(a => System.Net.IPAddress.TryParse(a, out _)), "Api:KnownProxies must list IP addresses.");
        Require(o.MaxSmallRequestBodyBytes > 0 && o.MaxRequestBodyBytes >= o.MaxSmallRequestBodyBytes,
            "Api:MaxSmallRequestBodyBytes must be positive and at most Api:MaxRequestBodyBytes.");
        Require(o.BlockCacheEntries >= 0, "Api:BlockCacheEntries must not be negative (0 keeps no blocks in memory).");
        Require(o.MaxRecordBytes > 0 && o.MaxRecordBytes <= o.MaxRequestBodyBytes / 4 * 3,
            "Api:MaxRecordBytes must be positive and fit, base64-encoded, in Api:MaxRequestBodyBytes.");
        Require(o.ClusterTimeout > TimeSpan.Zero, "Api:ClusterTimeout must be positive.");
        Require(o.Clustering != ClusteringMode.Redis || !string.IsNullOrWhiteSpace(o.RedisConnectionString),
            "Api:RedisConnectionString is required when Api:Clustering is Redis.");
        Require(o.Clustering != ClusteringMode.AzureStorage || !string.IsNullOrWhiteSpace(o.ClusteringConnectionString),
            "Api:ClusteringConnectionString is required when Api:Clustering is AzureStorage (the storage account of the silos' membership table).");
        Require(o.GatewayPort is > 0 and <= 65535, "Api:GatewayPort must be a port number (1 to 65535).");
        Require(!string.IsNullOrWhiteSpace(o.ClusterId), "Api:ClusterId is required.");
        Require(!string.IsNullOrWhiteSpace(o.ServiceId), "Api:ServiceId is required.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
