namespace MedChain.GrainInterfaces;

/// <summary>
/// One login challenge (key: the nonce, base64url): issued for a role and participant id, valid
/// until its expiry and redeemable once, on whichever API instance the answer arrives. Kept in
/// memory only: a challenge lost with its silo just makes the client ask for a new one.
/// </summary>
[Alias("medchain.ILoginChallengeGrain")]
public interface ILoginChallengeGrain : IGrainWithStringKey
{
    /// <summary>Binds the nonce to a role and subject until the expiry; false when the nonce is already in use.</summary>
    [Alias("Issue")]
    Task<bool> IssueAsync(string role, string subject, long expiresAtMs);

    /// <summary>True exactly once, for the role and subject it was issued to, before it expires.</summary>
    [Alias("Redeem")]
    Task<bool> RedeemAsync(string role, string subject);
}
