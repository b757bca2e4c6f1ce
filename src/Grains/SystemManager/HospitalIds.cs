using System.Text.RegularExpressions;

namespace MedChain.Grains.SystemManager;

/// <summary>What a hospital id may look like: it names grains, replicas ("id/n") and blob prefixes.</summary>
public static partial class HospitalIds
{
    /// <summary>True for 1 to 64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Pattern();
}
