namespace MedChain.Grains.Storage;

/// <summary>A list of encoded keys in one table property: each key as one length byte and its bytes.</summary>
internal static class KeyList
{
    /// <summary>The keys, each prefixed by its length (at most 255 bytes).</summary>
    public static byte[] Encode(IReadOnlyList<byte[]> keys)
    {
        var bytes = new List<byte>();
        foreach (byte[] key in keys)
        {
            bytes.Add(checked((byte)key.Length));
            bytes.AddRange(key);
        }
        return [.. bytes];
    }

    /// <summary>The keys <see cref="Encode"/> wrote; empty for a missing property.</summary>
    public static List<byte[]> Decode(byte[]? encoded)
    {
        var keys = new List<byte[]>();
        for (int at = 0; encoded is not null && at < encoded.Length; at += 1 + encoded[at])
        {
            keys.Add(encoded.AsSpan(at + 1, encoded[at]).ToArray());
        }
        return keys;
    }
}
