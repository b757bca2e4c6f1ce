using System.Security.Cryptography;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.SystemManager;

/// <summary>
/// The SM's tamper-evident access log: each entry's hash covers the previous entry's hash and its
/// own fields, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AccessLog
{
    /// <summary>The entry that follows <paramref name="previous"/> (null for the first).</summary>
    public static AccessEntry Next(AccessEntry? previous, long timeMs, string doctorId, string patientId, string hospitalId, string recordId, string consentId)
    {
        long sequence = previous is null ? 0 : previous.Sequence + 1;
        byte[] previousHash = previous?.Hash ?? new byte[32];
        var unsigned = new AccessEntry(sequence, timeMs, doctorId, patientId, hospitalId, recordId, consentId, previousHash, []);
        return unsigned with { Hash = HashOf(unsigned) };
    }

    /// <summary>The first entry whose hash or link is wrong, or null when the log is intact.</summary>
    public static long? FirstBroken(IReadOnlyList<AccessEntry> entries)
    {
        byte[] previous = new byte[32];
        for (int i = 0; i < entries.Count; i++)
        {
            AccessEntry e = entries[i];
            if (e.Sequence != i || !e.PreviousHash.AsSpan().SequenceEqual(previous) || !e.Hash.AsSpan().SequenceEqual(HashOf(e)))
            {
                return i;
            }
            previous = e.Hash;
        }
        return null;
    }

    private static byte[] HashOf(AccessEntry e)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
