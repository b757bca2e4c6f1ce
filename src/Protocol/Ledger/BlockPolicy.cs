namespace MedChain.Protocol.Ledger;

/// <summary>
/// When a hospital seals a block (III.D step 2, "every ten legitimate records are placed in one
/// new block"): as soon as <see cref="MaxRecords"/> verified records are pending, or when
/// <see cref="Interval"/> has passed with at least one pending.
/// </summary>
public sealed record BlockPolicy(int MaxRecords = 10, TimeSpan? IntervalOrDefault = null)
{
    /// <summary>The paper's policy: 10 records, one minute.</summary>
    public static BlockPolicy Paper { get; } = new();

    /// <summary>The sealing interval (default 60 s).</summary>
    public TimeSpan Interval => IntervalOrDefault ?? TimeSpan.FromSeconds(60);

    /// <summary>True when a block should be sealed now.</summary>
    public bool ShouldSeal(int pending, TimeSpan sinceLastSeal) =>
        pending >= MaxRecords || (pending > 0 && sinceLastSeal >= Interval);
}
