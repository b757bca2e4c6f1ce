namespace MedChain.Api.Security;

/// <summary>The four roles a token carries, and the names of the authorization policies (the same strings).</summary>
public static class Roles
{
    /// <summary>The system manager's administrator: sets the system up and admits hospitals.</summary>
    public const string SmAdmin = "sm-admin";

    /// <summary>A hospital's operator: registers the hospital's doctors and patients.</summary>
    public const string Hospital = "hospital";

    /// <summary>A doctor: broadcasts records to his hospital, reads what was re-encrypted for him.</summary>
    public const string Doctor = "doctor";

    /// <summary>A patient: searches, consents, revokes and matches for himself.</summary>
    public const string Patient = "patient";

    /// <summary>Every role.</summary>
    public static readonly string[] All = [SmAdmin, Hospital, Doctor, Patient];
}
