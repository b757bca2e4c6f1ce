using System.Collections.Concurrent;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Hosting;

/// <summary>
/// Decoded public keys shared by the verifiers and replicas of a silo, so that a key seen again
/// skips validation and, after a few uses, gets its fixed-base table (<see cref="PublicKey"/>).
/// Bounded: when full it is cleared (tables are up to 0.5 MB each at level 128).
/// </summary>
public sealed class PublicKeyCache
{
    private const int Capacity = 128;
    private readonly ConcurrentDictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);

    /// <summary>The decoded key (validated on first sight; throws EncodingException when invalid).</summary>
    public PublicKey Get(SystemParameters parameters, byte[] encoded)
    {
        string id = Convert.ToBase64String(encoded);
        if (_keys.TryGetValue(id, out PublicKey? key))
        {
            return key;
        }
        key = PublicKey.Decode(parameters, encoded);
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }
        return _keys.GetOrAdd(id, key);
    }
}
