using System.Text.RegularExpressions;

namespace MedChain.Protocol.Identity;

/// <summary>
/// What an id may look like (hospitals, doctors, patients, consents, sessions): ids name grains,
/// replicas ("id/n"), storage prefixes and URL path segments.
/// </summary>
public static partial class ParticipantIds
{
    /// <summary>True for 1 to 64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Pattern();
}
