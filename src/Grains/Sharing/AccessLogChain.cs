using System.Security.Cryptography;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Sharing;

/// <summary>
/// The proxy's tamper-evident access log: each entry's hash is an HMAC-SHA256, under a key only the
/// silos hold (derived from the key-encryption key), of the previous entry's hash and its own
/// fields. Changing, removing or reordering any entry breaks every hash after it, and someone who
/// can write to storage cannot recompute the chain after an edit.
/// </summary>
public static class AccessLogChain
{
    /// <summary>The label the MAC key is derived under (<see cref="Hosting.KeyProtector.DeriveKey"/>).</summary>
    public const string KeyLabel = "access-log";

    /// <summary>The entry that follows <paramref name="previous"/> (null for the first).</summary>
    public static AccessEntry Next(byte[] key, AccessEntry? previous, long timeMs, string doctorId, string patientId, string hospitalId, string recordId, string consentId)
    {
        long sequence = previous is null ? 0 : previous.Sequence + 1;
        byte[] previousHash = previous?.Hash ?? new byte[32];
        var unsigned = new AccessEntry(sequence, timeMs, doctorId, patientId, hospitalId, recordId, consentId, previousHash, []);
        return unsigned with { Hash = HashOf(key, unsigned) };
    }

    /// <summary>
    /// The sequence number of the first entry whose MAC or link is wrong, or that is missing (a gap,
    /// or the log ends before <paramref name="expectedCount"/> entries); null when the log is intact.
    /// </summary>
    public static long? FirstBroken(byte[] key, IReadOnlyList<AccessEntry> entries, long expectedCount)
    {
        byte[] previous = new byte[32];
        for (int i = 0; i < entries.Count; i++)
        {
            AccessEntry e = entries[i];
            if (e.Sequence != i || !e.PreviousHash.AsSpan().SequenceEqual(previous) || !CryptographicOperations.FixedTimeEquals(e.Hash, HashOf(key, e)))
            {
                return i;
            }
            previous = e.Hash;
        }
        return entries.Count < expectedCount ? entries.Count : null;
    }

    private static byte[] HashOf(byte[] key, AccessEntry e)
    {
        using var sha = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        sha.AppendData(e.PreviousHash);
        foreach (string field in new[] { e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.TimeMs.ToString(System.Globalization.CultureInfo.InvariantCulture), e.DoctorId, e.PatientId, e.HospitalId, e.RecordId, e.ConsentId })
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(field);
            sha.AppendData(BitConverter.GetBytes(bytes.Length));
            sha.AppendData(bytes);
        }
        return sha.GetHashAndReset();
    }
}
