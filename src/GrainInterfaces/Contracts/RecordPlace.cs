namespace MedChain.GrainInterfaces.Contracts;

/// <summary>Where a record is on a chain: the block's height and the record's index in that block.</summary>
[GenerateSerializer, Immutable, Alias("medchain.RecordPlace")]
public readonly record struct RecordPlace(
    [property: Id(0)] long Height,
    [property: Id(1)] int Index);
