using System.Runtime.CompilerServices;
using MedChain.Crypto.Arithmetic;

namespace MedChain.Crypto.Fields;

/// <summary>
/// An element of a prime field in Montgomery form, stored inline as little-endian 64-bit limbs.
/// Only the first <see cref="PrimeField.Limbs"/> limbs are meaningful; the rest are never read.
/// Plain data: the field it belongs to is passed to every operation (<see cref="PrimeField"/>).
/// </summary>
[InlineArray(Montgomery.MaxLimbs)]
internal struct FieldElement
{
    private ulong _limb0;

    /// <summary>Reference to limb 0 of a read-only element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref ulong Ref(ref readonly FieldElement e) => ref Unsafe.As<FieldElement, ulong>(ref Unsafe.AsRef(in e));
}
