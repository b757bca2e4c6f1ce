namespace MedChain.Protocol.Hashing;

/// <summary>
/// Domain separation tags: every hash of the scheme gets its own, so that no value made for one
/// purpose can be replayed as another. Version 1 of the MedChain protocol.
/// </summary>
public static class DomainTags
{
    /// <summary>H1: {0,1}* -> G1 (hash onto the curve).</summary>
    public static ReadOnlySpan<byte> H1 => "MedChain-V1-H1"u8;

    /// <summary>H2: GT -> {0,1}^k (the keyword tag C3 = H2(U)).</summary>
    public static ReadOnlySpan<byte> H2 => "MedChain-V1-H2"u8;

    /// <summary>H3: G1 x {0,1}^k x {0,1}^l -> Z_r (h = H3(C1, C3, C4)).</summary>
    public static ReadOnlySpan<byte> H3 => "MedChain-V1-H3"u8;

    /// <summary>F: GT x G1 x {0,1}^k -> {0,1}^l (the mask of C4), HKDF salt.</summary>
    public static ReadOnlySpan<byte> F => "MedChain-V1-F"u8;

    /// <summary>The exponent a of the strengthened validity check (binds C2 apart from C5).</summary>
    public static ReadOnlySpan<byte> Validity => "MedChain-V1-Validity"u8;

    /// <summary>Symptom codes to Z_r*.</summary>
    public static ReadOnlySpan<byte> Symptom => "MedChain-V1-Symptom"u8;

    /// <summary>Schnorr challenges.</summary>
    public static ReadOnlySpan<byte> Schnorr => "MedChain-V1-Schnorr"u8;

    /// <summary>Nonces of Schnorr signatures (hedged: secret key, message and fresh randomness).</summary>
    public static ReadOnlySpan<byte> SchnorrNonce => "MedChain-V1-Schnorr-Nonce"u8;

    /// <summary>Key derivation of the hybrid envelope X_ij.</summary>
    public static ReadOnlySpan<byte> Envelope => "MedChain-V1-Envelope"u8;

    /// <summary>Key derivation for pseudo identities E_SM / E_s.</summary>
    public static ReadOnlySpan<byte> Pseudonym => "MedChain-V1-Pseudonym"u8;

    /// <summary>Public parameter generation (g, g1, g2, u, v, d).</summary>
    public static ReadOnlySpan<byte> Generators => "MedChain-V1-Generators"u8;

    /// <summary>The trapdoor mask's exponent H(PK_i^r') (hash to Z_r).</summary>
    public static ReadOnlySpan<byte> TrapdoorMask => "MedChain-V1-Trapdoor-Mask"u8;

    /// <summary>The hardened matching protocol's generator G = H1(tag || session || t).</summary>
    public static ReadOnlySpan<byte> MatchingGenerator => "MedChain-V1-Match-Generator"u8;

    /// <summary>Key derivation of both matching protocols.</summary>
    public static ReadOnlySpan<byte> MatchingKey => "MedChain-V1-Match-Key"u8;

    /// <summary>The hash of a trapdoor named in a consent's scope.</summary>
    public static ReadOnlySpan<byte> ConsentTrapdoor => "MedChain-V1-Consent-Trapdoor"u8;
}
