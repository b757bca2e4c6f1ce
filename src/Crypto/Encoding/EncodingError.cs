namespace MedChain.Crypto.Encoding;

/// <summary>Why an encoded point, GT element or scalar was rejected.</summary>
public enum EncodingError
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>The input has the wrong length for its kind.</summary>
    InvalidLength,

    /// <summary>The input is not the canonical encoding: unknown prefix byte, a coordinate or value not below its modulus, or non-zero padding.</summary>
    NonCanonical,

    /// <summary>The coordinates do not satisfy y^2 = x^3 + x (for GT: the element does not have norm 1).</summary>
    NotOnCurve,

    /// <summary>The point or element is valid but outside the order-r subgroup.</summary>
    NotInSubgroup,

    /// <summary>The identity (point at infinity, GT one, scalar zero) where it is not allowed.</summary>
    Identity,
}
