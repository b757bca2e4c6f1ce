namespace MedChain.GrainInterfaces.Contracts;

/// <summary>Why a grain refused a request (<see cref="RefusalException"/>); the API answers each with its own status.</summary>
[GenerateSerializer, Alias("medchain.Refusal")]
public enum Refusal
{
    /// <summary>The content is invalid (a signature or key that does not verify, a value out of range).</summary>
    Invalid = 0,

    /// <summary>The named participant or thing does not exist.</summary>
    NotFound = 1,

    /// <summary>The request conflicts with what is stored (registered with another key, an id in use).</summary>
    Conflict = 2,

    /// <summary>The participant may not do this (an expelled doctor, a doctor of another hospital).</summary>
    Forbidden = 3,
}
