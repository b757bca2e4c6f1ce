namespace MedChain.GrainInterfaces.Contracts;

/// <summary>A sealed record's own parties, besides its hospital and the SM, who may read its receipt.</summary>
[GenerateSerializer, Alias("medchain.RecordParty")]
public enum RecordParty
{
    /// <summary>The doctor who broadcast it (his registered key signed it).</summary>
    Doctor = 0,

    /// <summary>The patient it is about (the hospital learned him from X_ij).</summary>
    Patient = 1,
}
