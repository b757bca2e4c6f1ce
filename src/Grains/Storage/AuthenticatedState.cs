namespace MedChain.Grains.Storage;

/// <summary>
/// What <see cref="AuthenticatedGrainStorage"/> hands the blob provider for one grain state: the
/// state as System.Text.Json text and its MAC. Stored as JSON by <see cref="StateJsonSerializer"/>.
/// </summary>
public sealed class AuthenticatedState
{
    /// <summary>The grain's state, serialized (no type names: renaming a type breaks nothing).</summary>
    public string State { get; set; } = "";

    /// <summary>HMAC-SHA256 over the state name, the grain id and <see cref="State"/> (base64).</summary>
    public string Mac { get; set; } = "";
}
