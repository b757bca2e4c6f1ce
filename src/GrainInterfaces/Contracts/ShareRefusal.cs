namespace MedChain.GrainInterfaces.Contracts;

/// <summary>Why the re-encryption proxy refused a history request (<see cref="ShareResult"/>).</summary>
[GenerateSerializer, Alias("medchain.ShareRefusal")]
public enum ShareRefusal
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>No valid consent: unknown, revoked, expired or for another doctor.</summary>
    NoValidConsent = 1,

    /// <summary>A trapdoor names a hospital pseudonym the SM did not issue.</summary>
    UnknownHospital = 2,

    /// <summary>The doctor is not registered at a hospital, or has been expelled (credit at or below the threshold).</summary>
    DoctorNotInGoodStanding = 3,

    /// <summary>The consent's re-key does not bind the patient's key to the doctor's.</summary>
    ReKeyNotBound = 4,

    /// <summary>A trapdoor, or its hospital, is not one the consent names.</summary>
    OutsideConsent = 5,
}
