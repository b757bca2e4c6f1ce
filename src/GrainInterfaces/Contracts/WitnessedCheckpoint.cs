namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// The newest checkpoint of a log that a registered witness cosigned: its size and root, the
/// witnesses whose cosignatures it carries, when the last of them arrived, and the note itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.WitnessedCheckpoint")]
public sealed record WitnessedCheckpoint(
    [property: Id(0)] long Size,
    [property: Id(1)] byte[] Root,
    [property: Id(2)] string[] Witnesses,
    [property: Id(3)] long AtMs,
    [property: Id(4)] string Note);
