using System.Globalization;
using System.Text;

namespace MedChain.Protocol.Checkpoints;

/// <summary>
/// A log's checkpoint, after transparency-dev's signed notes: the log's origin
/// ("{service}/chain/{hospital}" or "{service}/access/{patient pseudonym}"), its size (entries)
/// and its root, in a text body of three lines that signatures cover (<see cref="Body"/>).
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    /// <summary>Length of <see cref="Root"/>.</summary>
    public const int RootLength = 32;

    /// <summary>The origin of a hospital's chain.</summary>
    public static string ChainOrigin(string serviceId, string hospitalId) => $"{serviceId}/chain/{hospitalId}";

    /// <summary>The origin of a patient's access log, named by his storage pseudonym.</summary>
    public static string AccessLogOrigin(string serviceId, string patientPseudonym) => $"{serviceId}/access/{patientPseudonym}";

    /// <summary>What kind of log the origin names, and its name in that kind (hospital id or pseudonym); false for anything else.</summary>
    public static bool TryParseOrigin(string origin, out LogKind kind, out string serviceId, out string name)
    {
        (kind, serviceId, name) = (default, "", "");
        string[] parts = origin.Split('/');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }
        (serviceId, name) = (parts[0], parts[2]);
        switch (parts[1])
        {
            case "chain":
                kind = LogKind.Chain;
                return true;
            case "access":
                kind = LogKind.AccessLog;
                return true;
            default:
                return false;
        }
    }

    /// <summary>"{origin}\n{size}\n{base64 root}\n": the bytes every signature covers (UTF-8).</summary>
    public string Body() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>UTF-8 of <see cref="Body"/>.</summary>
    public byte[] BodyBytes() => Encoding.UTF8.GetBytes(Body());

    /// <summary>Reads a body; false when it is not exactly three well-formed lines.</summary>
    public static bool TryParseBody(string body, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        string[] lines = body.Split('\n');
        if (lines.Length != 4 || lines[3].Length != 0 || !TryParseOrigin(lines[0], out _, out _, out _)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            return false;
        }
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (root.Length != RootLength)
        {
            return false;
        }
        checkpoint = new Checkpoint(lines[0], size, root);
        return true;
    }
}
