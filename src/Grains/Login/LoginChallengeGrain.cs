using MedChain.GrainInterfaces;

namespace MedChain.Grains.Login;

/// <summary><see cref="ILoginChallengeGrain"/>: the challenge lives in the activation and is gone once redeemed.</summary>
public sealed class LoginChallengeGrain(TimeProvider time) : Grain, ILoginChallengeGrain
{
    private string? _role;
    private string? _subject;
    private long _expiresAtMs;

    /// <inheritdoc/>
    public Task<long?> IssueAsync(string role, string subject, TimeSpan lifetime)
    {
        if (_role is not null || lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromMinutes(10))
        {
            return Task.FromResult<long?>(null);
        }
        (_role, _subject, _expiresAtMs) = (role, subject, (time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds());
        DelayDeactivation(lifetime);
        return Task.FromResult<long?>(_expiresAtMs);
    }

    /// <inheritdoc/>
    public Task<bool> RedeemAsync(string role, string subject)
    {
        bool valid = _role == role && _subject == subject && time.GetUtcNow().ToUnixTimeMilliseconds() < _expiresAtMs;
        // Used or not, a challenge answers one attempt: the next one needs a new nonce.
        _role = "";
        _subject = null;
        DeactivateOnIdle();
        return Task.FromResult(valid);
    }
}
