namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// A record that matched a trapdoor: its ledger record id, its sealed header C1..C5 and the hash of
/// its body (read on its own, <c>IHospitalGrain.GetRecordBodyAsync</c>, so an answer stays small
/// whatever the bodies).
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.SearchMatch")]
public sealed record SearchMatch(
    [property: Id(0)] string RecordId,
    [property: Id(1)] byte[] Header,
    [property: Id(2)] byte[] BodyHash);
