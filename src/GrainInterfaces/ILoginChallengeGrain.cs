namespace MedChain.GrainInterfaces;

/// <summary>
/// One login challenge (key: the nonce, base64url): issued for a role and participant id, valid
/// until its expiry and redeemable once, on whichever API instance the answer arrives. Kept in
/// memory only: a challenge lost with its silo just makes the client ask for a new one.
/// </summary>
[Alias("medchain.ILoginChallengeGrain")]
public interface ILoginChallengeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Binds the nonce to a role and subject for a lifetime, timed by the silo's clock (the one
    /// that checks it); returns the expiry (Unix ms), or null when the nonce is already in use.
    /// </summary>
    [Alias("Issue")]
    Task<long?> IssueAsync(string role, string subject, TimeSpan lifetime);

    /// <summary>True exactly once, for the role and subject it was issued to, before it expires.</summary>
    [Alias("Redeem")]
    Task<bool> RedeemAsync(string role, string subject);
}
