using MedChain.Grains.Participants;

namespace MedChain.Grains.Patient;

/// <summary>A patient's stored profile: public key, hospitals, consents (re-keys encrypted at rest).</summary>
public sealed class PatientState : IParticipantKeyState
{
    /// <summary>Compressed public key; empty before the first registration.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <inheritdoc/>
    public List<byte[]> PreviousKeys { get; set; } = [];

    /// <inheritdoc/>
    public bool Revoked { get; set; }

    /// <summary>PID_i of the hospitals that registered the patient.</summary>
    public List<byte[]> HospitalPids { get; set; } = [];

    /// <summary>Consents by id.</summary>
    public Dictionary<string, StoredConsent> Consents { get; set; } = [];
}

/// <summary>A stored consent.</summary>
public sealed class StoredConsent
{
    /// <summary>The doctor it is for.</summary>
    public string DoctorId { get; set; } = "";

    /// <summary>The doctor's compressed public key.</summary>
    public byte[] DoctorKey { get; set; } = [];

    /// <summary>The patient's key the consent was verified under (a later rotation does not void it); empty for consents stored before keys rotated.</summary>
    public byte[] PatientKey { get; set; } = [];

    /// <summary>The re-key, protected by the key-encryption key.</summary>
    public byte[] ProtectedReKey { get; set; } = [];

    /// <summary>Expiry (Unix ms).</summary>
    public long ExpiresAtMs { get; set; }

    /// <summary>The encoded scope: the trapdoors (by hash) and hospitals the consent covers.</summary>
    public byte[] Scope { get; set; } = [];

    /// <summary>True once revoked.</summary>
    public bool Revoked { get; set; }
}
