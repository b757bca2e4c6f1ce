using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>What witnesses cosigned of one log (key: the log's origin): its newest witnessed checkpoint.</summary>
[Alias("medchain.IWitnessedLogGrain")]
public interface IWitnessedLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a checkpoint cosigned by these witnesses (already verified): kept when newer than the
    /// one held, merged when the same; an older one leaves it. Returns the newest.
    /// </summary>
    [Alias("Record")]
    Task<WitnessedCheckpoint> RecordAsync(long size, byte[] root, string[] witnesses, string note);

    /// <summary>The newest witnessed checkpoint, or null.</summary>
    [Alias("Get")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<WitnessedCheckpoint?> GetAsync();
}
