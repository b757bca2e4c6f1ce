using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedChain.Grains.Storage;

/// <summary>
/// Grain state in Azure Blob Storage (our own provider, for its serializer: System.Text.Json with
/// no type names, where Orleans' default writes assembly-qualified names). One blob per grain and state name, "{serviceId}/{stateName}/{grainId}", holding the
/// state as System.Text.Json (renaming a type breaks nothing). Optimistic
/// concurrency by ETag: the first write is create-only (If-None-Match: *), later writes and
/// clears carry If-Match; a conflict (409/412) surfaces as <see cref="InconsistentStateException"/>,
/// so a stale activation can never overwrite newer state. Each state is authenticated: an
/// HMAC-SHA256 under a key derived from the key-encryption key, over the state name, the grain id
/// and the JSON, kept in the blob's metadata and checked on every read, so that whoever can write
/// to storage but does not hold the KEK cannot change a state (a patient's public key, a hospital's
/// pool) or move one grain's state to another: such a state refuses to load, with the reason.
/// (Setting a grain back to an earlier state it had is not detected here.)
/// </summary>
public sealed class BlobGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
    };

    private const string MacMetadata = "medchainmac";

    private readonly BlobContainerClient _container;
    private readonly string _serviceId;
    private readonly byte[] _macKey;
    private readonly CreateOnce _createContainer;

    /// <summary>Creates the provider for a container.</summary>
    public BlobGrainStorage(BlobGrainStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "ConnectionString");
        _container = new BlobContainerClient(options.ConnectionString, options.ContainerName);
        _createContainer = new CreateOnce(ct => _container.CreateIfNotExistsAsync(cancellationToken: ct));
        _serviceId = options.ServiceId;
        _macKey = options.AuthenticationKey is { Length: 32 } key ? key : throw new ArgumentException("The state authentication key must be 32 bytes.", nameof(options));
    }

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        BlobClient blob = Blob(stateName, grainId);
        try
        {
            Response<BlobDownloadResult> response = await blob.DownloadContentAsync();
            if (!response.Value.Details.Metadata.TryGetValue(MacMetadata, out string? mac))
            {
                throw new InvalidDataException($"State {stateName} of {grainId} carries no authentication (written before states were authenticated, or by someone without the key): "
                    + $"refusing to load it. Development data of an earlier version is adopted once with MedChain:AuthenticateStoredState=true.");
            }
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(mac), Mac(stateName, grainId.ToString(), response.Value.Content.ToMemory().Span)))
            {
                throw new InvalidDataException($"State {stateName} of {grainId} does not authenticate: it was changed in storage by someone without the silos' key. Refusing to load it.");
            }
            grainState.State = response.Value.Content.ToObjectFromJson<T>(s_json) ?? CreateDefault<T>();
            grainState.ETag = response.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        BlobClient blob = Blob(stateName, grainId);
        var conditions = grainState.ETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) };
        try
        {
            BinaryData content = BinaryData.FromObjectAsJson(grainState.State, s_json);
            var metadata = new Dictionary<string, string> { [MacMetadata] = Convert.ToBase64String(Mac(stateName, grainId.ToString(), content.ToMemory().Span)) };
            Response<BlobContentInfo> response = await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions, Metadata = metadata });
            grainState.ETag = response.Value.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} changed underneath this activation.", grainState.ETag ?? "", "?", e);
        }
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        BlobClient blob = Blob(stateName, grainId);
        try
        {
            if (grainState.ETag is not null)
            {
                await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) });
            }
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = CreateDefault<T>();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} changed underneath this activation.", grainState.ETag ?? "", "?", e);
        }
    }

    /// <summary>
    /// The one-time adoption of states written before they were authenticated: every state blob of
    /// the service without a MAC gets one for what it holds now (whoever could write to storage until
    /// then is trusted once). Returns how many were adopted.
    /// </summary>
    public async Task<int> AuthenticateStoredStatesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync();
        int adopted = 0;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, _serviceId + "/", cancellationToken))
        {
            if (item.Metadata.ContainsKey(MacMetadata))
            {
                continue;
            }
            string[] parts = item.Name[(_serviceId.Length + 1)..].Split('/', 2);
            BlobClient blob = _container.GetBlobClient(item.Name);
            Response<BlobDownloadResult> content = await blob.DownloadContentAsync(cancellationToken);
            var metadata = new Dictionary<string, string> { [MacMetadata] = Convert.ToBase64String(Mac(parts[0], Uri.UnescapeDataString(parts[1]), content.Value.Content.ToMemory().Span)) };
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = content.Value.Details.ETag }, cancellationToken);
            adopted++;
        }
        return adopted;
    }

    private BlobClient Blob(string stateName, GrainId grainId) =>
        _container.GetBlobClient($"{_serviceId}/{stateName}/{Uri.EscapeDataString(grainId.ToString())}");

    /// <summary>HMAC-SHA256(key, tag || state name || 0 || grain id || 0 || JSON).</summary>
    private byte[] Mac(string stateName, string grainId, ReadOnlySpan<byte> json)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
        mac.AppendData("MedChain-V1-State\0"u8);
        mac.AppendData(System.Text.Encoding.UTF8.GetBytes(stateName + "\0" + grainId + "\0"));
        mac.AppendData(json);
        return mac.GetHashAndReset();
    }

    private Task EnsureContainerAsync() => _createContainer.EnsureAsync();

    private static T CreateDefault<T>() => Activator.CreateInstance<T>();
}
