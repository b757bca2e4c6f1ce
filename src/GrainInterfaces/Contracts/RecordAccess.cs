namespace MedChain.GrainInterfaces.Contracts;

/// <summary>One record handed out by the proxy: the hospital whose chain holds it and its ledger record id.</summary>
[GenerateSerializer, Immutable, Alias("medchain.RecordAccess")]
public sealed record RecordAccess(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] string RecordId);
