using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IRecordIndex"/> on Azure Blob Storage, as empty blobs whose names are the entries:
/// <c>{service}/{chain}/r/{recordId}/{height}-{index}</c> and
/// <c>{service}/{chain}/p/{patientId}/{height}-{index}</c> (ids URI-escaped). A lookup is one
/// listing by prefix; nothing is ever read back from a blob's content.
/// </summary>
public sealed class BlobRecordIndex(string connectionString, string containerName, string serviceId) : IRecordIndex
{
    private readonly BlobContainerClient _container = new(connectionString, containerName);
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    /// <inheritdoc/>
    public async Task AddBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        await Task.WhenAll(records.SelectMany((r, i) => new[]
        {
            Prefix(chain, "r", r.RecordId.ToUpperInvariant()) + Entry(height, i),
            Prefix(chain, "p", r.PatientId) + Entry(height, i),
        }).Select(name => _container.GetBlobClient(name).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken)));
    }

    /// <inheritdoc/>
    public async Task<(long Height, int Index)?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(long, int)> places = await ListAsync(Prefix(chain, "r", recordId.ToUpperInvariant()), cancellationToken);
        return places.Count == 0 ? null : places[0];
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<(long Height, int Index)>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default) =>
        ListAsync(Prefix(chain, "p", patientId), cancellationToken);

    private async Task<IReadOnlyList<(long Height, int Index)>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var places = new List<(long, int)>();
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            string[] parts = item.Name[prefix.Length..].Split('-');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long height)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                places.Add((height, index));
            }
        }
        places.Sort();
        return places;
    }

    private string Prefix(string chain, string kind, string key) =>
        $"{serviceId}/{Uri.EscapeDataString(chain)}/{kind}/{Uri.EscapeDataString(key)}/";

    private static string Entry(long height, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{height:D12}-{index:D4}");

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }
        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }
}
