namespace MedChain.Protocol.Records;

/// <summary>
/// The hospital server's verdict on a doctor's broadcast (III.D). The first four and the revocations come from the
/// hospital's register of its members and its own standing, the others from
/// <see cref="BroadcastVerifier"/>. Whether a refusal costs the doctor credit is
/// <see cref="BroadcastChecks.CostsDoctorCredit"/>.
/// </summary>
public enum BroadcastCheck
{
    /// <summary>All checks passed: the record may join the pending pool.</summary>
    Valid = 0,

    /// <summary>The doctor is not registered at this hospital.</summary>
    UnknownDoctor = 1,

    /// <summary>The doctor has been expelled (credit at or below the threshold).</summary>
    DoctorExpelled = 2,

    /// <summary>The patient is not registered at this hospital.</summary>
    UnknownPatient = 3,

    /// <summary>The hospital is suspended (credit at or below the threshold) and takes no records.</summary>
    HospitalSuspended = 4,

    /// <summary>The broadcast's signature or keys do not decode: nothing can be attributed to the doctor.</summary>
    Malformed = 5,

    /// <summary>The doctor's signature over the broadcast does not verify under his registered key.</summary>
    BadSignature = 6,

    /// <summary>X_ij does not open with the hospital's key.</summary>
    EnvelopeUnreadable = 7,

    /// <summary>The signed record names another doctor key or hospital PID_i, or X_ij holds another alpha, patient, hospital or doctor than expected.</summary>
    IdentityMismatch = 8,

    /// <summary>
    /// The ciphertext fails the strengthened validity check
    /// e(C1, PK_j^a u^h v d) = e(g1, C2^a C5) (<see cref="RecordEncryption.IsValid"/>).
    /// </summary>
    InvalidCiphertext = 9,

    /// <summary>The doctor signed it, but the sealed record does not decode (a wrong length, a point off the curve or outside G1).</summary>
    InvalidRecord = 10,

    /// <summary>The sm-admin revoked the doctor's key.</summary>
    DoctorRevoked = 11,

    /// <summary>The sm-admin revoked the patient's key: no records are encrypted for it any more.</summary>
    PatientRevoked = 12,
}

/// <summary>What a <see cref="BroadcastCheck"/> means for the doctor's credit.</summary>
public static class BroadcastChecks
{
    /// <summary>
    /// True for the refusals of what the doctor signed: only a broadcast whose signature verifies
    /// under his key can be attributed to him; anyone could have sent one whose signature does not
    /// decode or verify.
    /// </summary>
    public static bool CostsDoctorCredit(this BroadcastCheck check) =>
        check is BroadcastCheck.InvalidRecord or BroadcastCheck.EnvelopeUnreadable or BroadcastCheck.IdentityMismatch or BroadcastCheck.InvalidCiphertext;
}
