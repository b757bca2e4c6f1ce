namespace MedChain.Grains.Participants;

/// <summary>The key part of a doctor's or patient's stored profile: current key, the keys rotated away from, revocation.</summary>
public interface IParticipantKeyState
{
    /// <summary>Compressed current public key; empty before the first registration.</summary>
    byte[] PublicKey { get; set; }

    /// <summary>The keys rotated away from, oldest first (the first is the one the id was derived from).</summary>
    List<byte[]> PreviousKeys { get; set; }

    /// <summary>True once the sm-admin revoked the key.</summary>
    bool Revoked { get; set; }
}
