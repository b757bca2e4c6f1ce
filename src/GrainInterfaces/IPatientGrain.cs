using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// A patient's public profile (key: patient id): his public key, the pseudonyms PID_i of the
/// hospitals that hold his records (a pseudonymous index: only the SM can open a PID_i), and his
/// consents (grant, expiry, revocation), which the re-encryption proxy asks for.
/// Holds no private key.
/// </summary>
[Alias("medchain.IPatientGrain")]
public interface IPatientGrain : IParticipantKeyGrain
{
    /// <summary>Records the patient's public key (first registration) and the PID_i of a hospital that knows him.</summary>
    [Alias("RegisterAt")]
    Task RegisterAtAsync(byte[] hospitalPid, byte[] publicKey);

    /// <summary>The patient's compressed public key, or null before his first registration.</summary>
    [Alias("GetPublicKey")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetPublicKeyAsync();

    /// <summary>The PID_i of the hospitals that registered the patient.</summary>
    [Alias("GetHospitals")]
    Task<byte[][]> GetHospitalsAsync();

    /// <summary>
    /// Stores a consent after checking it against the patient's registered key (the one place a
    /// consent is verified: <c>Consent.Verify</c>, the signature and that the re-key binds patient
    /// and doctor); a <see cref="RefusalException"/> when it does not verify, names another patient,
    /// reuses an id, or the patient is not registered.
    /// </summary>
    [Alias("GrantConsent")]
    Task<ConsentInfo> GrantConsentAsync(ConsentGrant grant);

    /// <summary>Revokes a consent; false when unknown.</summary>
    [Alias("RevokeConsent")]
    Task<bool> RevokeConsentAsync(string consentId);

    /// <summary>The patient's consents.</summary>
    [Alias("GetConsents")]
    Task<ConsentInfo[]> GetConsentsAsync();

    /// <summary>For the re-encryption proxy only: the consent's keys when it is valid now for this doctor, else null.</summary>
    [Alias("GetActiveConsent")]
    Task<ActiveConsent?> GetActiveConsentAsync(string consentId, string doctorId);
}
