using MedChain.Grains.Participants;

namespace MedChain.Grains.Doctor;

/// <summary>A doctor's stored public profile.</summary>
public sealed class DoctorState : IParticipantKeyState
{
    /// <summary>Compressed public key; empty before registration.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <inheritdoc/>
    public List<byte[]> PreviousKeys { get; set; } = [];

    /// <inheritdoc/>
    public bool Revoked { get; set; }

    /// <summary>The doctor's hospital.</summary>
    public string HospitalId { get; set; } = "";

    /// <summary>The hospital's PID_i.</summary>
    public byte[] HospitalPid { get; set; } = [];
}
