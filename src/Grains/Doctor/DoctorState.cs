namespace MedChain.Grains.Doctor;

/// <summary>A doctor's stored public profile.</summary>
public sealed class DoctorState
{
    /// <summary>Compressed public key; empty before registration.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The doctor's hospital.</summary>
    public string HospitalId { get; set; } = "";

    /// <summary>The hospital's PID_i.</summary>
    public byte[] HospitalPid { get; set; } = [];
}
