using MedChain.Hosting;
namespace MedChain.Api.Hosting;

/// <summary>
/// The API's settings (configuration section "Api"), bound and checked by <see cref="ApiOptionsValidator"/>
/// at start: a missing or bad value stops the API with a message naming its key. The cluster it is a
/// client of is named the same way as the silo's ("Silo" keys are not read here: the API has its own).
/// </summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>
    /// Base64 compressed G1 public key of the first sm-admin, made under the administration
    /// parameters of the deployment's level (<c>SystemParameters.Administration</c>). Required.
    /// </summary>
    public string AdminPublicKey { get; set; } = "";

    /// <summary>The sm-admin's participant id (the JWT subject).</summary>
    public string AdminId { get; set; } = "admin";

    /// <summary>
    /// Base64 HMAC-SHA256 key (at least 32 bytes) that signs the API's tokens. When empty, a random
    /// key is made at start: tokens then die with the process and cannot be shared by several API instances.
    /// </summary>
    public string JwtSigningKey { get; set; } = "";

    /// <summary>
    /// The origin clients address this API by (e.g. https://medchain.region.example); login
    /// signatures must name it. When empty, the origin of each request (its scheme and Host header)
    /// is used, which suits development and tests.
    /// </summary>
    public string PublicOrigin { get; set; } = "";

    /// <summary>How long a token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a login challenge may be answered.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per minute per caller (token subject, else client address), all endpoints together.</summary>
    public int RateLimitPerMinute { get; set; } = 1200;

    /// <summary>Login requests (challenges and logins) per minute per client address: a login costs a signature check.</summary>
    public int LoginsPerMinute { get; set; } = 300;

    /// <summary>Searches per minute per patient: a pairing per record of his at the hospital.</summary>
    public int SearchesPerMinute { get; set; } = 120;

    /// <summary>Shares per minute per doctor: per record a validity check and a pairing, at every hospital named.</summary>
    public int SharesPerMinute { get; set; } = 60;

    /// <summary>Broadcasts per minute per doctor: a signature, an envelope and a validity check each.</summary>
    public int BroadcastsPerMinute { get; set; } = 1200;

    /// <summary>Full chain audits (<c>?full=true</c>) per caller per minute; incremental audits count only against the overall limit.</summary>
    public int FullAuditsPerMinute { get; set; } = 2;

    /// <summary>Login challenges an API instance holds open at once (each pins an activation until it expires).</summary>
    public int MaxOpenChallenges { get; set; } = 10_000;

    /// <summary>
    /// Addresses of the reverse proxies in front of the API, whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed (so that callers behind them get buckets of their own); empty:
    /// none is, and the connection's address is the caller's.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Largest accepted body of a broadcast (a record's body is at most 10 MiB, base64 in JSON).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest sealed record (header and encrypted body) a broadcast may carry; a larger one is
    /// answered 413 naming the field. The protocol's own ceiling is a 10 MiB body.
    /// </summary>
    public long MaxRecordBytes { get; set; } = 10 * 1024 * 1024 + 64 * 1024;

    /// <summary>How many sealed blocks this instance keeps in memory (they never change, and hold headers and hashes, not bodies).</summary>
    public int BlockCacheEntries { get; set; } = 4096;

    /// <summary>Largest accepted body of every other request (logins, registrations, consents, trapdoors).</summary>
    public long MaxSmallRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a call into the cluster may take before the API answers 503: half a usual 30 s
    /// client timeout, so that a call stuck on a silo that died is answered well before its client
    /// gives up (the silo-kill drill found calls hanging 30 s at a 30 s setting).
    /// </summary>
    public TimeSpan ClusterTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How the cluster's gateways are found: Localhost (default), AzureStorage or Redis.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>
    /// Connection string of the storage account holding the silos' membership table, required with
    /// AzureStorage clustering (the API only reads the table: a key or SAS limited to table reads suffices).
    /// </summary>
    public string? ClusteringConnectionString { get; set; }

    /// <summary>Redis connection string, required with Redis clustering.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The silo gateway port with Localhost clustering.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The cluster's id (as the silos').</summary>
    public string ClusterId { get; set; } = "medchain";

    /// <summary>The service id (as the silos').</summary>
    public string ServiceId { get; set; } = "medchain";
}
