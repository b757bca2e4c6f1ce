namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The proxy's answer to a history request: the re-encrypted records and the hospitals
/// (PID_i, base64) skipped because they are suspended; or why it was refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.ShareResult")]
public sealed record ShareResult(
    [property: Id(0)] ShareRefusal Refusal,
    [property: Id(1)] SharedRecord[] Records,
    [property: Id(2)] string[] SkippedHospitalPids)
{
    /// <summary>True when the request was allowed.</summary>
    public bool Allowed => Refusal == ShareRefusal.None;
}
