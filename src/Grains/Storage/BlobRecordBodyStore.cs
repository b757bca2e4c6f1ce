using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.Protocol.Ledger;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IRecordBodyStore"/> on Azure Blob Storage: the body with hash h of hospital c is the
/// blob "{serviceId}/{c}/{hex h}", uploaded with If-None-Match: * (a body is content-addressed, so
/// one already there is the same).
/// </summary>
public sealed class BlobRecordBodyStore : IRecordBodyStore
{
    private readonly BlobContainerClient _container;
    private readonly string _serviceId;
    private readonly CreateOnce _createContainer;

    /// <summary>Creates the store on a container (created on first use).</summary>
    public BlobRecordBodyStore(string connectionString, string containerName, string serviceId)
    {
        _container = new BlobContainerClient(connectionString, containerName);
        _serviceId = serviceId;
        _createContainer = new CreateOnce(ct => _container.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    /// <inheritdoc/>
    public async Task PutAsync(string hospitalId, byte[] bodyHash, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        await _createContainer.EnsureAsync(cancellationToken);
        try
        {
            await Blob(hospitalId, bodyHash).UploadAsync(BinaryData.FromBytes(body), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Stored before (a retry, or the same body broadcast again).
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string hospitalId, byte[] bodyHash, CancellationToken cancellationToken = default)
    {
        await _createContainer.EnsureAsync(cancellationToken);
        try
        {
            Response<BlobDownloadResult> response = await Blob(hospitalId, bodyHash).DownloadContentAsync(cancellationToken);
            byte[] body = response.Value.Content.ToArray();
            return LedgerRecord.HashBody(body).AsSpan().SequenceEqual(bodyHash)
                ? body
                : throw new InvalidDataException($"The record body {Convert.ToHexString(bodyHash)} of {hospitalId} does not match its hash: it was changed in storage.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(string hospitalId, byte[] bodyHash) =>
        _container.GetBlobClient($"{_serviceId}/{Uri.EscapeDataString(hospitalId)}/{Convert.ToHexString(bodyHash)}");
}
