using System.Security.Cryptography;

namespace MedChain.Protocol.Ledger;

/// <summary>
/// The Merkle tree hash of RFC 6962 (section 2.1) over SHA-256, with domain separation between
/// leaves (0x00 || data) and nodes (0x01 || left || right), and its audit paths (inclusion proofs).
/// MTH of no leaves is SHA-256 of the empty string.
/// </summary>
public static class MerkleTree
{
    /// <summary>SHA-256(0x00 || data).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] HashNode(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The root over leaf hashes (already <see cref="HashLeaf"/>ed).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) =>
        leafHashes.Count == 0 ? SHA256.HashData([]) : RootOf(leafHashes, 0, leafHashes.Count);

    /// <summary>The audit path of leaf <paramref name="index"/>: sibling hashes from the leaf up.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<byte[]>();
        Path(leafHashes, 0, leafHashes.Count, index, path);
        return path;
    }

    /// <summary>True when the path proves that leafHash is leaf <paramref name="index"/> of a tree of <paramref name="size"/> leaves with this root (RFC 9162 section 2.1.3.2).</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, int index, int size, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != 32 || root.Length != 32 || path.Any(p => p.Length != 32))
        {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash.ToArray();
        foreach (byte[] p in path)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashNode(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = HashNode(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    private static byte[] RootOf(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }
        int k = LargestPowerOfTwoBelow(count);
        return HashNode(RootOf(leaves, start, k), RootOf(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int start, int count, int index, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }
        int k = LargestPowerOfTwoBelow(count);
        if (index < k)
        {
            Path(leaves, start, k, index, path);
            path.Add(RootOf(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, start + k, count - k, index - k, path);
            path.Add(RootOf(leaves, start, k));
        }
    }

    /// <summary>The largest power of two strictly below n (n &gt;= 2).</summary>
    private static int LargestPowerOfTwoBelow(int n)
    {
        int k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }
}
