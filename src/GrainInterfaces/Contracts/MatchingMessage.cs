namespace MedChain.GrainInterfaces.Contracts;

/// <summary>One message of a patients session, relayed as opaque bytes: the sender's role ("initiator"/"responder"), the step number and the payload.</summary>
[GenerateSerializer, Immutable, Alias("medchain.MatchingMessage")]
public sealed record MatchingMessage(
    [property: Id(0)] string From,
    [property: Id(1)] int Step,
    [property: Id(2)] byte[] Payload);
