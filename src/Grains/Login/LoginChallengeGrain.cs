using MedChain.GrainInterfaces;

namespace MedChain.Grains.Login;

/// <summary><see cref="ILoginChallengeGrain"/>: the challenge lives in the activation and is gone once redeemed.</summary>
public sealed class LoginChallengeGrain(TimeProvider time) : Grain, ILoginChallengeGrain
{
    private string? _role;
    private string? _subject;
    private long _expiresAtMs;

    /// <inheritdoc/>
    public Task<bool> IssueAsync(string role, string subject, long expiresAtMs)
    {
        if (_role is not null)
        {
            return Task.FromResult(false);
        }
        (_role, _subject, _expiresAtMs) = (role, subject, expiresAtMs);
        DelayDeactivation(TimeSpan.FromMilliseconds(Math.Max(0, expiresAtMs - time.GetUtcNow().ToUnixTimeMilliseconds())));
        return Task.FromResult(true);
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
