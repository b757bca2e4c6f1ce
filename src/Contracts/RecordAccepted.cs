namespace MedChain.Contracts;

/// <summary>A broadcast verified and durably stored: its record id (hex leaf hash) and the hospital whose chain will hold it.</summary>
public sealed record RecordAccepted(string RecordId, string HospitalId);
