namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// A grain's refusal of a request, with a message written for the caller (it names the participant
/// or field, never an internal type). Every other exception from a grain is a failure the API
/// answers without its message.
/// </summary>
[GenerateSerializer, Alias("medchain.RefusalException")]
public sealed class RefusalException : Exception
{
    /// <summary>A refusal of this kind with a message for the caller.</summary>
    public RefusalException(Refusal kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>What kind of refusal.</summary>
    [Id(0)]
    public Refusal Kind { get; private set; }
}
