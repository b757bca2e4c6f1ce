namespace MedChain.Contracts;

/// <summary>
/// The entries of a log between two sizes (base64): encoded block headers for a chain, entry MACs
/// for an access log; folded onto the older checkpoint's root they give the newer one's.
/// </summary>
public sealed record LogProof(string Origin, long From, long To, string[] Entries);
