using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// Signed checkpoints of every log of the deployment (each hospital's chain, each patient's access
/// log), the entries between two sizes for a witness to check that a log only grew, and the
/// witnesses' cosignatures. A stateless worker: signing runs on every silo; what witnesses
/// cosigned is kept per log (<see cref="IWitnessedLogGrain"/>).
/// </summary>
[Alias("medchain.ICheckpointGrain")]
public interface ICheckpointGrain : IGrainWithIntegerKey
{
    /// <summary>The current checkpoint of every log, each a note signed by the system manager.</summary>
    [Alias("GetCheckpoints")]
    Task<string[]> GetCheckpointsAsync();

    /// <summary>The entries of a log from size <paramref name="from"/> to <paramref name="to"/> (at most 1000); null for an unknown log or a range it does not hold.</summary>
    [Alias("GetProof")]
    Task<byte[][]?> GetProofAsync(string origin, long from, long to);

    /// <summary>Takes a note carrying the system manager's signature and a registered witness's cosignature.</summary>
    [Alias("Cosign")]
    Task<CosignOutcome> CosignAsync(string note);

    /// <summary>The newest witnessed checkpoint of a hospital's chain, or null.</summary>
    [Alias("GetWitnessedChain")]
    Task<WitnessedCheckpoint?> GetWitnessedChainAsync(string hospitalId);

    /// <summary>The newest witnessed checkpoint of a patient's access log, or null.</summary>
    [Alias("GetWitnessedAccessLog")]
    Task<WitnessedCheckpoint?> GetWitnessedAccessLogAsync(string patientId);
}
