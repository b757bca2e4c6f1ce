namespace MedChain.Grains.Login;

/// <summary>The stored login key of a hospital's operator.</summary>
public sealed class OperatorKeyState
{
    /// <summary>Compressed public key; empty until set.</summary>
    public byte[] PublicKey { get; set; } = [];
}
