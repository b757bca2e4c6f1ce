using System.Security.Cryptography;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Checkpoints;

/// <summary>
/// Whether a newer checkpoint of a log is an append-only extension of an older one, given the
/// entries in between: folding them onto the older root must give the newer root. A chain's entry
/// is an encoded block header, which must sit at the next height and name the root as its previous
/// hash (the new root is its hash); an access log's entry is an entry's MAC (public, keyed), folded
/// as SHA-256(tag || root || MAC). The empty log's root is 32 zero bytes.
/// </summary>
public static class LogConsistency
{
    /// <summary>The root of an empty log.</summary>
    public static byte[] EmptyRoot() => new byte[Checkpoint.RootLength];

    /// <summary>The access log's root after one more entry.</summary>
    public static byte[] ExtendAccessLog(ReadOnlySpan<byte> root, ReadOnlySpan<byte> entryMac)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("MedChain-V1-AccessLogRoot\0"u8);
        hash.AppendData(root);
        hash.AppendData(entryMac);
        return hash.GetHashAndReset();
    }

    /// <summary>A chain's root after the header at height <paramref name="size"/>, or null when that header does not follow the root there.</summary>
    public static byte[]? ExtendChain(ReadOnlySpan<byte> root, long size, ReadOnlySpan<byte> encodedHeader) =>
        BlockHeader.TryDecode(encodedHeader, out BlockHeader? header) && header!.Height == size && header.PreviousHash.AsSpan().SequenceEqual(root)
            ? header.Hash()
            : null;

    /// <summary>
    /// Null when <paramref name="newer"/> extends <paramref name="older"/> by exactly these entries;
    /// otherwise what is wrong and where: a smaller size (truncated), another root at the same size
    /// (rewritten), or the first entry that does not extend (rewritten before it).
    /// </summary>
    public static string? Verify(LogKind kind, Checkpoint older, Checkpoint newer, IReadOnlyList<byte[]> entries)
    {
        if (newer.Size < older.Size)
        {
            return $"truncated: size {newer.Size}, smaller than the {older.Size} entries witnessed";
        }
        if (newer.Size == older.Size)
        {
            return older.Root.AsSpan().SequenceEqual(newer.Root) ? null : $"rewritten: another root at the witnessed size {older.Size}";
        }
        if (entries.Count != newer.Size - older.Size)
        {
            return $"the proof has {entries.Count} entries for the {newer.Size - older.Size} between sizes {older.Size} and {newer.Size}";
        }
        byte[] root = older.Root;
        for (int i = 0; i < entries.Count; i++)
        {
            long position = older.Size + i;
            byte[]? next = kind == LogKind.Chain ? ExtendChain(root, position, entries[i]) : ExtendAccessLog(root, entries[i]);
            if (next is null)
            {
                return $"rewritten: entry {position} does not follow the witnessed entries";
            }
            root = next;
        }
        return root.AsSpan().SequenceEqual(newer.Root) ? null : $"rewritten: entries {older.Size} to {newer.Size - 1} do not lead to the new root (the log changed at or before entry {older.Size - 1})";
    }
}
