namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A sealed record that matched a trapdoor: its ledger record id and the encoded sealed record (C1..C5 and body).</summary>
[GenerateSerializer, Immutable, Alias("medchain.SearchMatch")]
public sealed record SearchMatch(
    [property: Id(0)] string RecordId,
    [property: Id(1)] byte[] SealedRecord);
