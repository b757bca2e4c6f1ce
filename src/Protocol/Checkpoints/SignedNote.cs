using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Protocol.Checkpoints;

/// <summary>
/// A checkpoint with its signatures as a note: the body, a blank line, then one line per signature,
/// "— {name} {base64 Schnorr signature}". The system manager signs as "medchain"
/// (<see cref="SignaturePurpose.Checkpoint"/>); each witness cosigns under its own name
/// (<see cref="SignaturePurpose.Cosignature"/>).
/// </summary>
public sealed record SignedNote(Checkpoint Checkpoint, IReadOnlyList<(string Name, byte[] Signature)> Signatures)
{
    /// <summary>The system manager's signer name.</summary>
    public const string SystemManagerName = "medchain";

    private const string Dash = "\u2014 ";

    /// <summary>The note's text.</summary>
    public string Text() => Checkpoint.Body() + "\n" + string.Concat(Signatures.Select(s => $"{Dash}{s.Name} {Convert.ToBase64String(s.Signature)}\n"));

    /// <summary>Reads a note; false when its body or a signature line is malformed.</summary>
    public static bool TryParse(string text, out SignedNote? note)
    {
        note = null;
        int split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !Checkpoint.TryParseBody(text[..(split + 1)], out Checkpoint? checkpoint))
        {
            return false;
        }
        var signatures = new List<(string, byte[])>();
        foreach (string line in text[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.StartsWith(Dash, StringComparison.Ordinal) ? line[Dash.Length..].Split(' ') : [];
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                return false;
            }
            try
            {
                signatures.Add((parts[0], Convert.FromBase64String(parts[1])));
            }
            catch (FormatException)
            {
                return false;
            }
        }
        note = new SignedNote(checkpoint!, signatures);
        return true;
    }

    /// <summary>A signature over the checkpoint's body for a purpose.</summary>
    public static byte[] Sign(SecretKey key, string purpose, Checkpoint checkpoint) =>
        SchnorrSignature.Sign(key, purpose, checkpoint.BodyBytes()).Encode();

    /// <summary>Whether the note carries <paramref name="name"/>'s valid signature for the purpose.</summary>
    public bool IsSignedBy(SystemParameters parameters, string name, PublicKey key, string purpose) =>
        Signatures.Any(s => s.Name == name && SchnorrSignature.TryVerify(parameters, key, purpose, Checkpoint.BodyBytes(), s.Signature));
}
