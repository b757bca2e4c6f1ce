using System.Text.Json;
using Orleans.Storage;

namespace MedChain.Grains.Storage;

/// <summary>
/// The blob provider's serializer: System.Text.Json without type names (Orleans' default JSON
/// serializer writes assembly-qualified type names, which a rename would break).
/// </summary>
public sealed class StateJsonSerializer : IGrainStorageSerializer
{
    /// <summary>The options of every state: defaults, not indented.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General) { WriteIndented = false };

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    /// <inheritdoc/>
    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
