using MedChain.Crypto.Encoding;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Records;

/// <summary>
/// A stored medical record: the scheme's <see cref="RecordCiphertext"/> (the header), whose
/// plaintext m carries a fresh 256-bit data key and nonce, and the record body of any size
/// encrypted with AES-256-GCM under that key, with the header as associated data (the paper's m is
/// only l1 = 512 bits). Encoded as header || body.
/// </summary>
public sealed class SealedRecord
{
    /// <summary>Largest body accepted (10 MiB of plaintext).</summary>
    public const int MaxBodyLength = 10 * 1024 * 1024;

    internal SealedRecord(RecordCiphertext header, byte[] body)
    {
        Header = header;
        Body = body;
    }

    /// <summary>The scheme's ciphertext C1..C5.</summary>
    public RecordCiphertext Header { get; }

    /// <summary>AES-256-GCM ciphertext of the body followed by its 16-byte tag.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>header || body.</summary>
    public byte[] Encode()
    {
        byte[] header = Header.Encode();
        byte[] result = new byte[header.Length + Body.Length];
        header.CopyTo(result, 0);
        Body.Span.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    /// <summary>Decodes and validates header || body.</summary>
    /// <exception cref="EncodingException">Invalid header or a body shorter than its tag or over the limit.</exception>
    public static SealedRecord Decode(SystemParameters parameters, ReadOnlySpan<byte> encoded)
    {
        int headerLength = RecordCiphertext.EncodedLength(parameters);
        int bodyLength = encoded.Length - headerLength;
        if (bodyLength < RecordMessage.TagLength || bodyLength > MaxBodyLength + RecordMessage.TagLength)
        {
            throw new EncodingException(EncodingError.InvalidLength, "sealed record");
        }
        RecordCiphertext header = RecordCiphertext.Decode(parameters, encoded[..headerLength]);
        return new SealedRecord(header, encoded[headerLength..].ToArray());
    }
}
