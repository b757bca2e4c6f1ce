using System.Text.Json;

namespace MedChain.Client.Cli;

/// <summary>
/// A share ticket: what a patient hands a doctor with his consent (patient id, consent id and a
/// trapdoor per hospital, as a <c>ShareRequest</c> in JSON). It holds no private key; the
/// trapdoors only let the SM proxy find the records under the consent.
/// </summary>
public static class ShareTicket
{
    /// <summary>The JSON form (web defaults, indented).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes a ticket to a new, owner-only file (never over an existing one).</summary>
    public static async Task WriteAsync(string path, MedChain.Contracts.ShareRequest ticket, CancellationToken cancellation)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, ticket, Json, cancellation);
    }
}
