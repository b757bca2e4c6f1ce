using System.Security.Cryptography;

namespace MedChain.Crypto.Hashing;

/// <summary>
/// expand_message_xmd of RFC 9380 (section 5.3.1) with SHA-256: stretches a message to any number
/// of uniform bytes (at most 255 blocks of 32), bound to a domain separation tag (DST) so that
/// hashes made for one purpose never collide with those made for another.
/// </summary>
internal static class ExpandMessage
{
    private const int HashLength = 32;
    private const int BlockLength = 64;

    /// <summary>Fills output with expand_message_xmd(message, dst, output.Length).</summary>
    internal static void Xmd(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, Span<byte> output)
    {
        int ell = (output.Length + HashLength - 1) / HashLength;
        if (ell > 255 || output.Length > ushort.MaxValue)
        {
            throw new ArgumentException("At most 8160 output bytes.", nameof(output));
        }
        if (dst.Length > 255)
        {
            throw new ArgumentException("The domain separation tag is limited to 255 bytes.", nameof(dst));
        }
        Span<byte> dstPrime = stackalloc byte[dst.Length + 1];
        dst.CopyTo(dstPrime);
        dstPrime[^1] = (byte)dst.Length;

        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> zeroPad = stackalloc byte[BlockLength];
        zeroPad.Clear();
        h.AppendData(zeroPad);
        h.AppendData(message);
        Span<byte> lengthAndZero = [(byte)(output.Length >> 8), (byte)output.Length, 0];
        h.AppendData(lengthAndZero);
        h.AppendData(dstPrime);
        Span<byte> b0 = stackalloc byte[HashLength];
        h.GetHashAndReset(b0);

        Span<byte> bi = stackalloc byte[HashLength];
        Span<byte> mixed = stackalloc byte[HashLength];
        for (int i = 1; i <= ell; i++)
        {
            if (i == 1)
            {
                h.AppendData(b0);
            }
            else
            {
                for (int j = 0; j < HashLength; j++)
                {
                    mixed[j] = (byte)(b0[j] ^ bi[j]);
                }
                h.AppendData(mixed);
            }
            h.AppendData([(byte)i]);
            h.AppendData(dstPrime);
            h.GetHashAndReset(bi);
            int offset = (i - 1) * HashLength;
            bi[..Math.Min(HashLength, output.Length - offset)].CopyTo(output[offset..]);
        }
        CryptographicOperations.ZeroMemory(b0);
        CryptographicOperations.ZeroMemory(bi);
        CryptographicOperations.ZeroMemory(mixed);
    }
}
