using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.Grains.Hosting;

namespace MedChain.Testing;

/// <summary>Finds the blob Orleans' Azure Blob provider keeps one grain state in, for tests that attack storage directly.</summary>
public static class GrainStateBlobs
{
    /// <summary>The blob of state <paramref name="stateName"/> of grain <paramref name="grainId"/> ("type/key") of a service.</summary>
    public static async Task<BlobClient> FindAsync(string connectionString, string serviceId, string stateName, string grainId)
    {
        var container = new BlobContainerClient(connectionString, MedChainGrainServices.StateContainer(serviceId));
        var names = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, stateName, CancellationToken.None))
        {
            if (Uri.UnescapeDataString(item.Name) == $"{stateName}-{grainId}.json")
            {
                return container.GetBlobClient(item.Name);
            }
            names.Add(item.Name);
        }
        throw new InvalidOperationException($"No blob for state {stateName} of {grainId} among: {string.Join(", ", names.Take(20))}");
    }
}
