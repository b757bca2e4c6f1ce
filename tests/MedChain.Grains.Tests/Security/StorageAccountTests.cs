using Azure;
using Azure.Storage.Blobs;
using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests.Security;

/// <summary>
/// Issue 11 §6: the storage runs under an account and key of its own, so the published development
/// key of the emulator (which anything on the machine knows) reads and writes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageAccountTests(AzuriteFixture azurite)
{
    private const string PublishedKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task ThePublishedDevelopmentKeyIsRefused()
    {
        var store = new BlobBlockStore(azurite.ConnectionString, "medchain-blocks", "tests-" + Guid.NewGuid().ToString("N"));
        await store.WriteAsync("hospital", 0, new byte[] { 1, 2, 3 });
        var endpoint = new Uri(azurite.ConnectionString.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..]);

        // The right account with the published key, and the published account itself.
        string sameAccount = azurite.ConnectionString.Replace(azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal)), "AccountKey=" + PublishedKey);
        string published = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={PublishedKey};BlobEndpoint=http://{endpoint.Authority}/devstoreaccount1;";
        foreach (string attacker in new[] { sameAccount, published })
        {
            BlobContainerClient container = new BlobServiceClient(attacker).GetBlobContainerClient("medchain-blocks");
            RequestFailedException refused = await Assert.ThrowsAsync<RequestFailedException>(async () =>
            {
                await foreach (Azure.Storage.Blobs.Models.BlobItem _ in container.GetBlobsAsync())
                {
                }
            });
            Assert.True(refused.Status is 403 or 404, $"status {refused.Status}");
        }
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.ReadAsync("hospital", 0));
    }
}
