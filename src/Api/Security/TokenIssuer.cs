using System.Security.Claims;
using MedChain.Api.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedChain.Api.Security;

/// <summary>Issues and describes the validation of the API's short-lived tokens (JWT, HMAC-SHA256).</summary>
public sealed class TokenIssuer
{
    /// <summary>The tokens' issuer.</summary>
    public const string Issuer = "medchain";

    /// <summary>The tokens' audience.</summary>
    public const string Audience = "medchain-api";

    private readonly SymmetricSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <summary>Reads the signing key (or makes a random one when none is configured).</summary>
    public TokenIssuer(IOptions<ApiOptions> options, TimeProvider time)
    {
        _key = new SymmetricSecurityKey(SigningKey(options.Value.JwtSigningKey));
        _lifetime = options.Value.TokenLifetime;
        _time = time;
    }

    /// <summary>How tokens are checked: issuer, audience, signature, lifetime (5 s of clock skew).</summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(5),
        NameClaimType = "sub",
        RoleClaimType = "role",
    };

    /// <summary>A token for a participant in a role; returns it with its expiry (Unix ms).</summary>
    public (string Token, long ExpiresAtMs) Issue(string role, string subject)
    {
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expires = now + _lifetime;
        string token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires.ToUnixTimeMilliseconds());
    }

    /// <summary>True when the setting is empty or the base64 of at least 32 bytes.</summary>
    public static bool IsValidSigningKey(string configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return true;
        }
        byte[] bytes = new byte[configured.Length];
        return Convert.TryFromBase64String(configured, bytes, out int length) && length >= 32;
    }

    /// <summary>The configured key (checked at start), or a fresh random one when none is configured.</summary>
    public static byte[] SigningKey(string configured) =>
        string.IsNullOrEmpty(configured) ? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
}
