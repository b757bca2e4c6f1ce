using MedChain.Api.Hosting;
using MedChain.GrainInterfaces;
using MedChain.Protocol.Ledger;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Endpoints;

/// <summary>
/// Sealed blocks as the API reads them: a block never changes once sealed, so each instance keeps
/// the last <see cref="ApiOptions.BlockCacheEntries"/> it read in memory (a block carries headers and
/// hashes, never record bodies), and answers them with an ETag (the header hash) that lets a client's
/// cache revalidate without a body.
/// </summary>
public sealed class SealedBlocks(IClusterClient cluster, IOptions<ApiOptions> options) : IDisposable
{
    /// <summary>How long a client may keep an answer about a sealed block (a year: it never changes).</summary>
    public const string CacheControl = "private, max-age=31536000, immutable";

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.BlockCacheEntries) });
    private readonly bool _enabled = options.Value.BlockCacheEntries > 0;

    /// <summary>A block this instance has read, or null (a hit also says the hospital is registered: only its blocks are read).</summary>
    public Block? Cached(string hospitalId, long height) => _enabled && _cache.TryGetValue((hospitalId, height), out Block? block) ? block : null;

    /// <summary>The block of a registered hospital at a height, or null when there is none (yet).</summary>
    public async Task<Block?> ReadAsync(string hospitalId, long height)
    {
        var key = (hospitalId, height);
        if (_enabled && _cache.TryGetValue(key, out Block? cached))
        {
            return cached;
        }
        byte[]? bytes = await cluster.GetGrain<IHospitalGrain>(hospitalId).GetBlockAsync(height);
        if (bytes is null)
        {
            return null;
        }
        // Blocks are checked before they are stored: one that does not decode is an internal failure.
        Block block = Block.TryDecode(bytes, out Block? decoded) ? decoded! : throw new InvalidDataException($"Block {height} of {hospitalId} does not decode.");
        if (_enabled)
        {
            _cache.Set(key, block, new MemoryCacheEntryOptions { Size = 1 });
        }
        return block;
    }

    /// <summary>The ETag of a block's answers: its header hash, quoted.</summary>
    public static string ETagOf(Block block) => $"\"{Convert.ToHexString(block.Header.Hash())}\"";

    /// <summary>
    /// Sets the block's ETag and Cache-Control on the answer; true when the request's If-None-Match
    /// already names it, so the answer is 304 without a body.
    /// </summary>
    public static bool NotModified(HttpContext http, Block block)
    {
        string etag = ETagOf(block);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = CacheControl;
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() is var tag && (tag == etag || tag == "W/" + etag || tag == "*")));
    }

    /// <inheritdoc/>
    public void Dispose() => _cache.Dispose();
}
