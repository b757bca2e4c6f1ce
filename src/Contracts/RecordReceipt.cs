namespace MedChain.Contracts;

/// <summary>A Merkle inclusion receipt (RFC 6962) for a sealed record: where it is, its leaf hash, the audit path and the signed block header (base64) that commits to the root.</summary>
public sealed record RecordReceipt(string HospitalId, long Height, int Index, int RecordCount, string LeafHash, string[] Path, string Header, string HeaderSignature);
