using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedChain.Grains.Storage;

/// <summary>
/// Grain states as MedChain stored them before it used Orleans' Azure Blob provider: one blob per
/// state, "{serviceId}/{stateName}/{grain id, URI-escaped}" in the container
/// <see cref="ContainerName"/>, the JSON as the content and its MAC (when there is one) in the
/// metadata "medchainmac". <see cref="MoveAsync"/> is the one-time step that brings them over.
/// </summary>
public sealed class EarlierStateFormat(string connectionString, string serviceId)
{
    /// <summary>The container of the earlier format.</summary>
    public const string ContainerName = "medchain-grain-state";

    private const string MacMetadata = "medchainmac";

    private readonly BlobContainerClient _container = new(connectionString, ContainerName);

    /// <summary>Whether any state of this service is still in the earlier format.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (BlobItem _ in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, serviceId + "/", cancellationToken))
            {
                return true;
            }
            return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves every state of this service into <paramref name="provider"/> as an
    /// <see cref="AuthenticatedState"/> sealed by <paramref name="sealer"/>, then deletes the old
    /// blob; a state already moved (a run cut short) is only deleted. A state whose MAC does not
    /// authenticate stops the move, named; a state without a MAC (a version that wrote none) is
    /// adopted as it is. Returns how many states were moved.
    /// </summary>
    public async Task<int> MoveAsync(IGrainStorage provider, AuthenticatedGrainStorage sealer, CancellationToken cancellationToken = default)
    {
        int moved = 0;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, serviceId + "/", cancellationToken))
        {
            string[] parts = item.Name[(serviceId.Length + 1)..].Split('/', 2);
            if (parts.Length != 2)
            {
                continue;
            }
            (string stateName, string grainId) = (parts[0], Uri.UnescapeDataString(parts[1]));
            BlobClient blob = _container.GetBlobClient(item.Name);
            BlobDownloadResult content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            string json = content.Content.ToString();
            if (content.Details.Metadata.TryGetValue(MacMetadata, out string? mac) && !sealer.Authenticates(stateName, grainId, json, Convert.FromBase64String(mac)))
            {
                throw new InvalidDataException($"State {stateName} of {grainId} in the earlier format does not authenticate: it was changed in storage. Nothing after it was moved.");
            }
            try
            {
                await provider.WriteStateAsync(stateName, GrainId.Parse(grainId), new GrainState<AuthenticatedState>(sealer.Seal(stateName, grainId, json), null));
                moved++;
            }
            catch (InconsistentStateException)
            {
                // Moved by an earlier run that stopped before deleting the old blob.
            }
            await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = content.Details.ETag }, cancellationToken: cancellationToken);
        }
        return moved;
    }
}
