using System.Security.Cryptography;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.ReEncryption;

/// <summary>
/// What a consent grants: the exact trapdoors the proxy may use, each for one hospital, as
/// (PID_i, hash of the trapdoor) pairs. The patient makes the trapdoors for the doctor's ticket and
/// signs their hashes in the consent, so a trapdoor of an earlier consent (another symptom, another
/// hospital) is refused under a later one. Encoded canonically: a count, then each pair.
/// </summary>
public sealed class ConsentScope
{
    /// <summary>At most this many trapdoors in a consent.</summary>
    public const int MaxEntries = 64;

    private ConsentScope(IReadOnlyList<(byte[] HospitalPid, byte[] TrapdoorHash)> entries) => Entries = entries;

    /// <summary>The (PID_i, trapdoor hash) pairs.</summary>
    public IReadOnlyList<(byte[] HospitalPid, byte[] TrapdoorHash)> Entries { get; }

    /// <summary>The scope of these trapdoors, each for the hospital with that PID_i.</summary>
    public static ConsentScope Of(IEnumerable<(byte[] HospitalPid, byte[] Trapdoor)> trapdoors)
    {
        List<(byte[], byte[])> entries = [.. trapdoors.Select(t => (t.HospitalPid.ToArray(), HashOf(t.Trapdoor)))];
        return entries.Count is > 0 and <= MaxEntries
            ? new ConsentScope(entries)
            : throw new ArgumentException($"A consent names 1 to {MaxEntries} trapdoors.", nameof(trapdoors));
    }

    /// <summary>SHA-256 of the tag and the encoded trapdoor.</summary>
    public static byte[] HashOf(ReadOnlySpan<byte> trapdoor)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(DomainTags.ConsentTrapdoor);
        sha.AppendData(trapdoor);
        return sha.GetHashAndReset();
    }

    /// <summary>True when this trapdoor, for this hospital, is one the consent names.</summary>
    public bool Covers(ReadOnlySpan<byte> hospitalPid, ReadOnlySpan<byte> trapdoor)
    {
        byte[] hash = HashOf(trapdoor);
        foreach ((byte[] pid, byte[] h) in Entries)
        {
            if (pid.AsSpan().SequenceEqual(hospitalPid) && CryptographicOperations.FixedTimeEquals(h, hash))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>count || (PID_i, hash)*, each length-prefixed.</summary>
    public byte[] Encode()
    {
        CanonicalWriter w = new CanonicalWriter().UInt32((uint)Entries.Count);
        foreach ((byte[] pid, byte[] hash) in Entries)
        {
            w.Bytes(pid).Bytes(hash);
        }
        return w.ToArray();
    }

    /// <summary>Reads <see cref="Encode"/>'s form; false when malformed, empty or over <see cref="MaxEntries"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out ConsentScope? scope)
    {
        scope = null;
        var r = new CanonicalReader(encoded);
        if (!r.TryUInt32(out uint count) || count is 0 or > MaxEntries)
        {
            return false;
        }
        var entries = new List<(byte[], byte[])>((int)count);
        for (int i = 0; i < count; i++)
        {
            if (!r.TryBytes(4096, out byte[] pid) || !r.TryBytes(64, out byte[] hash) || hash.Length != 32)
            {
                return false;
            }
            entries.Add((pid, hash));
        }
        if (!r.AtEnd)
        {
            return false;
        }
        scope = new ConsentScope(entries);
        return true;
    }
}
