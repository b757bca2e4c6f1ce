using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IBlockStore"/> on Azure Blob Storage: block h of chain c is the blob
/// "{serviceId}/{c}/{h:D12}", uploaded with If-None-Match: * (create-only).
/// </summary>
public sealed class BlobBlockStore : IBlockStore
{
    private readonly BlobContainerClient _container;
    private readonly string _serviceId;
    private readonly CreateOnce _createContainer;

    /// <summary>Creates the store on a container (created on first use).</summary>
    public BlobBlockStore(string connectionString, string containerName, string serviceId)
    {
        _container = new BlobContainerClient(connectionString, containerName);
        _serviceId = serviceId;
        _createContainer = new CreateOnce(ct => _container.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    /// <inheritdoc/>
    public async Task WriteAsync(string chain, long height, ReadOnlyMemory<byte> encodedBlock, CancellationToken cancellationToken = default)
    {
        await _createContainer.EnsureAsync(cancellationToken);
        BlobClient blob = Blob(chain, height);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(encodedBlock), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            byte[]? existing = await ReadAsync(chain, height, cancellationToken);
            if (existing is null || !existing.AsSpan().SequenceEqual(encodedBlock.Span))
            {
                throw new BlockConflictException(chain, height);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string chain, long height, CancellationToken cancellationToken = default)
    {
        await _createContainer.EnsureAsync(cancellationToken);
        try
        {
            Response<BlobDownloadResult> response = await Blob(chain, height).DownloadContentAsync(cancellationToken);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<long> LastHeightAsync(string chain, CancellationToken cancellationToken = default) =>
        (await VersionsAsync(chain, cancellationToken)).Keys.DefaultIfEmpty(-1).Max();

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, string>> VersionsAsync(string chain, CancellationToken cancellationToken = default)
    {
        await _createContainer.EnsureAsync(cancellationToken);
        var versions = new Dictionary<long, string>();
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: $"{_serviceId}/{Uri.EscapeDataString(chain)}/", cancellationToken: cancellationToken))
        {
            if (long.TryParse(item.Name[(item.Name.LastIndexOf('/') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long height))
            {
                versions[height] = item.Properties.ETag?.ToString() ?? "";
            }
        }
        return versions;
    }

    private BlobClient Blob(string chain, long height) =>
        _container.GetBlobClient($"{_serviceId}/{Uri.EscapeDataString(chain)}/{height:D12}");
}
