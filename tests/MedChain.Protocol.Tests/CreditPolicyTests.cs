using MedChain.Protocol.Credit;

namespace MedChain.Protocol.Tests;

/// <summary>The credit rules: penalties, expulsion threshold, floor at zero, configurable.</summary>
public sealed class CreditPolicyTests
{
    [Fact]
    public void DoctorIsExpelledAfterEnoughInvalidRecords()
    {
        CreditPolicy policy = CreditPolicy.Default;
        int score = policy.Initial;
        int invalid = 0;
        while (!policy.IsExpelled(score))
        {
            score = policy.AfterInvalidRecord(score);
            invalid++;
        }
        Assert.Equal((policy.Initial - policy.ExpulsionThreshold + policy.InvalidRecordPenalty - 1) / policy.InvalidRecordPenalty, invalid);
        Assert.False(policy.IsExpelled(policy.Initial));
    }

    [Fact]
    public void ScoresNeverGoBelowZeroAndRulesAreConfigurable()
    {
        var strict = new CreditPolicy(Initial: 30, InvalidRecordPenalty: 25, ExpulsionThreshold: 10, UpheldReportPenalty: 40);
        Assert.Equal(5, strict.AfterInvalidRecord(30));
        Assert.Equal(0, strict.AfterInvalidRecord(5));
        Assert.Equal(0, strict.AfterUpheldReport(30));
        Assert.True(strict.IsExpelled(5));
        Assert.Equal(80, CreditPolicy.Default.AfterUpheldReport(100));
    }
}
