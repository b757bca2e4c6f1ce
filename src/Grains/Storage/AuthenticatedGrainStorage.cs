using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedChain.Grains.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedChain.Grains.Storage;

/// <summary>
/// Grain state authenticated over any grain storage (Orleans' Azure Blob provider here): each state
/// is stored as an <see cref="AuthenticatedState"/>, its JSON with an HMAC-SHA256 under a key derived
/// from the key-encryption key over the state name, the grain id and that JSON, checked on every
/// read. Whoever can write to storage but does not hold the KEK cannot change a state (a patient's
/// public key, a hospital's pool) or move one grain's state to another: such a state refuses to
/// load, saying why. ETags pass through, so the provider's optimistic concurrency (create-only
/// first write, If-Match after) still keeps a stale activation from overwriting newer state.
/// (Setting a grain back to an earlier state it had is not detected here.)
/// </summary>
public sealed class AuthenticatedGrainStorage(IGrainStorage inner, byte[] macKey) : IGrainStorage
{
    private readonly byte[] _macKey = macKey is { Length: 32 } ? macKey : throw new ArgumentException("The state authentication key must be 32 bytes.", nameof(macKey));

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = new GrainState<AuthenticatedState>();
        await StorageFailures.GuardAsync(() => "reading " + stateName, () => inner.ReadStateAsync(stateName, grainId, stored));
        if (!stored.RecordExists || stored.State is null)
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return;
        }
        grainState.State = Open<T>(stateName, grainId, stored.State);
        (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = new GrainState<AuthenticatedState>(Seal(stateName, grainId.ToString(), JsonSerializer.Serialize(grainState.State, StateJsonSerializer.Options)), grainState.ETag)
        {
            RecordExists = grainState.RecordExists,
        };
        await StorageFailures.GuardAsync(() => "writing " + stateName, () => inner.WriteStateAsync(stateName, grainId, stored));
        (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = new GrainState<AuthenticatedState>(new AuthenticatedState(), grainState.ETag) { RecordExists = grainState.RecordExists };
        await StorageFailures.GuardAsync(() => "clearing " + stateName, () => inner.ClearStateAsync(stateName, grainId, stored));
        (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), stored.ETag, false);
    }

    /// <summary>The envelope of a state's JSON: the JSON and its MAC (also for moving states written in an earlier format).</summary>
    public AuthenticatedState Seal(string stateName, string grainId, string json) =>
        new() { State = json, Mac = Convert.ToBase64String(Mac(stateName, grainId, json)) };

    /// <summary>Whether <paramref name="json"/> carries <paramref name="mac"/> as this grain's state under our key.</summary>
    public bool Authenticates(string stateName, string grainId, string json, ReadOnlySpan<byte> mac) =>
        CryptographicOperations.FixedTimeEquals(mac, Mac(stateName, grainId, json));

    private T Open<T>(string stateName, GrainId grainId, AuthenticatedState stored)
    {
        byte[] mac;
        try
        {
            mac = Convert.FromBase64String(stored.Mac);
        }
        catch (FormatException)
        {
            mac = [];
        }
        if (stored.Mac.Length == 0)
        {
            throw new InvalidDataException($"State {stateName} of {grainId} carries no authentication (written by someone without the silos' key): refusing to load it.");
        }
        if (!Authenticates(stateName, grainId.ToString(), stored.State, mac))
        {
            throw new InvalidDataException($"State {stateName} of {grainId} does not authenticate: it was changed in storage by someone without the silos' key. Refusing to load it.");
        }
        return JsonSerializer.Deserialize<T>(stored.State, StateJsonSerializer.Options) ?? Activator.CreateInstance<T>();
    }

    /// <summary>HMAC-SHA256(key, tag || state name || 0 || grain id || 0 || JSON).</summary>
    private byte[] Mac(string stateName, string grainId, string json)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
        mac.AppendData("MedChain-V1-State\0"u8);
        mac.AppendData(Encoding.UTF8.GetBytes(stateName + "\0" + grainId + "\0"));
        mac.AppendData(Encoding.UTF8.GetBytes(json));
        return mac.GetHashAndReset();
    }
}
