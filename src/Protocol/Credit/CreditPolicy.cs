namespace MedChain.Protocol.Credit;

/// <summary>
/// The credit-score rules of III.D as data: every doctor and hospital starts at
/// <see cref="Initial"/>; each invalid record costs its doctor <see cref="InvalidRecordPenalty"/>;
/// a doctor at or below <see cref="ExpulsionThreshold"/> is expelled and his broadcasts refused;
/// a doctor's report about a hospital, once upheld by the SM, costs the hospital
/// <see cref="UpheldReportPenalty"/>, and a hospital at or below the threshold is suspended.
/// Scores never go below zero.
/// </summary>
public sealed record CreditPolicy(int Initial = 100, int InvalidRecordPenalty = 10, int ExpulsionThreshold = 60, int UpheldReportPenalty = 20)
{
    /// <summary>The default rules.</summary>
    public static CreditPolicy Default { get; } = new();

    /// <summary>The doctor's score after one invalid record.</summary>
    public int AfterInvalidRecord(int score) => Math.Max(0, score - InvalidRecordPenalty);

    /// <summary>The hospital's score after an upheld report.</summary>
    public int AfterUpheldReport(int score) => Math.Max(0, score - UpheldReportPenalty);

    /// <summary>True when a participant with this score is expelled (doctor) or suspended (hospital).</summary>
    public bool IsExpelled(int score) => score <= ExpulsionThreshold;
}
