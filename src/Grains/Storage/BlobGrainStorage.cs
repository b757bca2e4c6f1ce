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
/// so a stale activation can never overwrite newer state.
/// </summary>
public sealed class BlobGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
    };

    private readonly BlobContainerClient _container;
    private readonly string _serviceId;
    private readonly CreateOnce _createContainer;

    /// <summary>Creates the provider for a container.</summary>
    public BlobGrainStorage(BlobGrainStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "ConnectionString");
        _container = new BlobContainerClient(options.ConnectionString, options.ContainerName);
        _createContainer = new CreateOnce(ct => _container.CreateIfNotExistsAsync(cancellationToken: ct));
        _serviceId = options.ServiceId;
    }

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        BlobClient blob = Blob(stateName, grainId);
        try
        {
            Response<BlobDownloadResult> response = await blob.DownloadContentAsync();
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
            Response<BlobContentInfo> response = await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions });
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

    private BlobClient Blob(string stateName, GrainId grainId) =>
        _container.GetBlobClient($"{_serviceId}/{stateName}/{Uri.EscapeDataString(grainId.ToString())}");

    private Task EnsureContainerAsync() => _createContainer.EnsureAsync();

    private static T CreateDefault<T>() => Activator.CreateInstance<T>();
}
