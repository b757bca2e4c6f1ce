namespace MedChain.Contracts;

/// <summary>Encoded records (base64): sealed records for a search, re-encrypted records for a share.</summary>
public sealed record RecordList(string[] Records);
