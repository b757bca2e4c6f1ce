using System.Net;
using Azure.Storage.Blobs;

namespace MedChain.Api.Tests;

/// <summary>
/// Sealed blocks never change: their answers (block, header, receipt) carry the header hash as
/// ETag and an immutable Cache-Control, revalidate with 304, and an instance serves a block it has
/// read from memory.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SealedBlockCacheTests(ApiFixture stack)
{
    [Theory]
    [InlineData("hospital", "blocks/0")]
    [InlineData("doctor", "blocks/0/header")]
    [InlineData("doctor", "records/{record}/receipt")]
    public async Task AnswersAboutASealedBlockRevalidateByTheirETag(string caller, string path)
    {
        World w = await stack.SharedWorldAsync();
        string url = $"hospitals/{w.Ids["hospital"]}/" + path.Replace("{record}", w.RecordId, StringComparison.Ordinal);
        using var http = new HttpClient();
        using HttpResponseMessage first = await http.SendAsync(w.Request(caller, HttpMethod.Get, url));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        string etag = first.Headers.ETag!.Tag;
        string headerHash = (await w.Clients["hospital"].GetBlockHeaderAsync(w.Ids["hospital"], 0)).HeaderHash;
        Assert.Equal($"\"{headerHash}\"", etag);
        Assert.Contains("immutable", first.Headers.CacheControl!.ToString());

        using HttpRequestMessage revalidate = w.Request(caller, HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.ParseAdd(etag);
        using HttpResponseMessage same = await http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());

        using HttpRequestMessage other = w.Request(caller, HttpMethod.Get, url);
        other.Headers.IfNoneMatch.ParseAdd("\"00\"");
        using HttpResponseMessage changed = await http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        // The ETag never lets a caller past the access check: an outsider still gets what he got without it.
        using HttpRequestMessage outsider = w.Request("hospital-other", HttpMethod.Get, $"hospitals/{w.Ids["hospital"]}/blocks/0");
        outsider.Headers.IfNoneMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(outsider)).StatusCode);
    }

    [Fact]
    public async Task ABlockOnceReadIsServedFromTheInstancesMemory()
    {
        World w = await World.CreateAsync(stack);
        string h1 = w.Ids["hospital"];
        string hash = (await w.Clients["doctor"].GetBlockHeaderAsync(h1, 0)).HeaderHash;
        // Gone from storage (as only an attacker or a fault could do): the instance still answers from what it read.
        var blocks = new BlobContainerClient(stack.StorageConnectionString, "medchain-blocks");
        await blocks.GetBlobClient($"{stack.ServiceId}/{Uri.EscapeDataString(h1)}/{0:D12}").DeleteAsync();
        Assert.Equal(hash, (await w.Clients["doctor"].GetBlockHeaderAsync(h1, 0)).HeaderHash);
        Assert.Equal(hash, (await w.Clients["hospital"].GetBlockAsync(h1, 0)).HeaderHash);
    }
}
