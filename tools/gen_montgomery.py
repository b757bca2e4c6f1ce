#!/usr/bin/env python3
"""Writes src/Crypto/Arithmetic/Montgomery.Unrolled.cs: Montgomery multiplication, squaring,
reduction, addition and subtraction
with the inner loops unrolled and the running sum kept in locals, for 8, 16 and 24 limbs
(q of 512, 1024 and 1536 bits). The JIT does not unroll fixed-length loops itself, and
locals let it keep the sum in registers. Run from the repository root:
    python3 tools/gen_montgomery.py
"""
import pathlib

SIZES = (8, 16, 24)


def mul(n: int) -> str:
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a*b/2^{64 * n} mod m for {n}-limb operands (CIOS, multiply and reduce merged, inner loop unrolled).</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    w(f"    internal static void Mul{n}(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ulong mInv, ref ulong r)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pb = ref Unsafe.AsRef(in b);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w("        ulong " + ", ".join(f"t{j} = 0" for j in range(n + 1)) + ";")
    w(f"        for (int i = 0; i < {n}; i++)")
    w("        {")
    w("            ulong bi = Unsafe.Add(ref pb, i);")
    w("            ulong c1 = 0, c2 = 0;")
    w("            ulong u = MulAdd(t0, pa, bi, ref c1);")
    w("            ulong k = u * mInv;")
    w("            _ = MulAdd(u, k, pm, ref c2);")
    for j in range(1, n):
        w(f"            u = MulAdd(t{j}, Unsafe.Add(ref pa, {j}), bi, ref c1);")
        w(f"            t{j - 1} = MulAdd(u, k, Unsafe.Add(ref pm, {j}), ref c2);")
    w(f"            u = t{n} + c1;")
    w(f"            ulong top = u < c1 ? 1UL : 0UL;")
    w(f"            t{n - 1} = u + c2;")
    w(f"            t{n} = top + (t{n - 1} < c2 ? 1UL : 0UL);")
    w("        }")
    emit_final(w, n)
    w("    }")
    return "\n".join(lines)


def mul2(n: int) -> str:
    """Two independent products in one loop: their carry chains interleave, so the core has
    twice the independent work while each chain waits on its carries."""
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a*b/R mod m and s = c*d/R mod m for {n}-limb operands, interleaved.</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    w(f"    internal static void Mul2x{n}(ref readonly ulong a, ref readonly ulong b, ref readonly ulong c, ref readonly ulong d, ref readonly ulong m, ulong mInv, ref ulong r, ref ulong s)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pb = ref Unsafe.AsRef(in b);")
    w("        ref ulong pc = ref Unsafe.AsRef(in c);")
    w("        ref ulong pd = ref Unsafe.AsRef(in d);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w("        ulong " + ", ".join(f"t{j} = 0" for j in range(n + 1)) + ";")
    w("        ulong " + ", ".join(f"v{j} = 0" for j in range(n + 1)) + ";")
    w(f"        for (int i = 0; i < {n}; i++)")
    w("        {")
    w("            ulong bi = Unsafe.Add(ref pb, i);")
    w("            ulong di = Unsafe.Add(ref pd, i);")
    w("            ulong c1 = 0, c2 = 0, e1 = 0, e2 = 0;")
    w("            ulong u = MulAdd(t0, pa, bi, ref c1);")
    w("            ulong x = MulAdd(v0, pc, di, ref e1);")
    w("            ulong k = u * mInv;")
    w("            ulong l = x * mInv;")
    w("            _ = MulAdd(u, k, pm, ref c2);")
    w("            _ = MulAdd(x, l, pm, ref e2);")
    for j in range(1, n):
        w(f"            ulong m{j} = Unsafe.Add(ref pm, {j});")
        w(f"            u = MulAdd(t{j}, Unsafe.Add(ref pa, {j}), bi, ref c1);")
        w(f"            x = MulAdd(v{j}, Unsafe.Add(ref pc, {j}), di, ref e1);")
        w(f"            t{j - 1} = MulAdd(u, k, m{j}, ref c2);")
        w(f"            v{j - 1} = MulAdd(x, l, m{j}, ref e2);")
    w(f"            u = t{n} + c1;")
    w(f"            x = v{n} + e1;")
    w(f"            ulong top = u < c1 ? 1UL : 0UL;")
    w(f"            ulong vtop = x < e1 ? 1UL : 0UL;")
    w(f"            t{n - 1} = u + c2;")
    w(f"            v{n - 1} = x + e2;")
    w(f"            t{n} = top + (t{n - 1} < c2 ? 1UL : 0UL);")
    w(f"            v{n} = vtop + (v{n - 1} < e2 ? 1UL : 0UL);")
    w("        }")
    emit_final(w, n)
    w("        fb = 0;")
    for j in range(n):
        w(f"        ulong g{j} = SubBorrow(v{j}, Unsafe.Add(ref pm, {j}), ref fb);")
    w(f"        keep = 0UL - (fb & (v{n} ^ 1));")
    for j in range(n):
        w(f"        Unsafe.Add(ref s, {j}) = (v{j} & keep) | (g{j} & ~keep);")
    w("    }")
    return "\n".join(lines)


def emit_final(w, n: int) -> None:
    # The sum is below 2m; subtract m once unless that borrows out of the top word.
    w("        ulong fb = 0;")
    for j in range(n):
        w(f"        ulong d{j} = SubBorrow(t{j}, Unsafe.Add(ref pm, {j}), ref fb);")
    w(f"        ulong keep = 0UL - (fb & (t{n} ^ 1));")
    for j in range(n):
        w(f"        Unsafe.Add(ref r, {j}) = (t{j} & keep) | (d{j} & ~keep);")


def emit_diagonal_and_reduce(w, n: int) -> None:
    """Doubles the cross products in p, adds the squares a_i^2 on the diagonal, then reduces."""
    w("        // Double the cross products and add the squares on the diagonal.")
    w("        ulong top = 0, carry = 0;")
    w("        Unsafe.Add(ref pp, 0) = 0;")
    w(f"        Unsafe.Add(ref pp, {2 * n - 1}) = 0;")
    w(f"        for (int i = 0; i < {n}; i++)")
    w("        {")
    w("            ulong ad = Unsafe.Add(ref pa, i);")
    w("            ulong hi = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(ad, ad) : Math.BigMul(ad, ad, out _);")
    w("            ulong lo = ad * ad;")
    w("            ref ulong w0 = ref Unsafe.Add(ref pp, 2 * i);")
    w("            ref ulong w1 = ref Unsafe.Add(ref pp, 2 * i + 1);")
    w("            ulong x0 = w0, x1 = w1;")
    w("            ulong d0 = (x0 << 1) | top;")
    w("            ulong d1 = (x1 << 1) | (x0 >> 63);")
    w("            top = x1 >> 63;")
    w("            w0 = AddCarry(d0, lo, ref carry);")
    w("            w1 = AddCarry(d1, hi, ref carry);")
    w("        }")
    w(f"        Reduce{n}(ref pp, ref pm, mInv, ref r);")


def sqr_straight(n: int) -> str:
    """Squaring: each cross product a_i*a_j (i < j) once, the sum doubled, the squares a_i^2
    added, then word-by-word reduction: n(n+1)/2 + n^2 products against 2n^2 for a product.
    The product is written out straight, row by row, into a stack buffer."""
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a^2/2^{64 * n} mod m for {n}-limb operands (cross products once, then reduction).</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    w(f"    internal static void Sqr{n}(ref readonly ulong a, ref readonly ulong m, ulong mInv, ref ulong r)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w(f"        Span<ulong> p = stackalloc ulong[{2 * n}];")
    w("        ref ulong pp = ref MemoryMarshal.GetReference(p);")
    w("        ulong c, ai;")
    for i in range(n - 1):
        w(f"        ai = Unsafe.Add(ref pa, {i});")
        w("        c = 0;")
        for j in range(i + 1, n):
            k = i + j
            src = "0" if i == 0 else f"Unsafe.Add(ref pp, {k})"
            w(f"        Unsafe.Add(ref pp, {k}) = MulAdd({src}, ai, Unsafe.Add(ref pa, {j}), ref c);")
        w(f"        Unsafe.Add(ref pp, {i + n}) = c;")
    emit_diagonal_and_reduce(w, n)
    w("    }")
    return "\n".join(lines)


def sqr_rows(n: int) -> str:
    """Squaring with the rows of cross products as loops: at 24 limbs the straight-line form
    is slower (instruction cache), so this one serves there."""
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a^2/2^{64 * n} mod m for {n}-limb operands (cross products once, then reduction).</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    w(f"    internal static void Sqr{n}(ref readonly ulong a, ref readonly ulong m, ulong mInv, ref ulong r)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w(f"        Span<ulong> p = stackalloc ulong[{2 * n}];")
    w("        ref ulong pp = ref MemoryMarshal.GetReference(p);")
    w("        ulong c;")
    # Row i adds a_i * a_j for j > i into p[i+j]; row 0 writes fresh words.
    w("        ulong a0 = pa;")
    w("        c = 0;")
    for j in range(1, n):
        w(f"        Unsafe.Add(ref pp, {j}) = MulAdd(0, a0, Unsafe.Add(ref pa, {j}), ref c);")
    w(f"        Unsafe.Add(ref pp, {n}) = c;")
    w(f"        for (int i = 1; i < {n - 1}; i++)")
    w("        {")
    w("            ulong ai = Unsafe.Add(ref pa, i);")
    w("            ref ulong row = ref Unsafe.Add(ref pp, 2 * i);")
    w("            ref ulong src = ref Unsafe.Add(ref pa, i + 1);")
    w("            c = 0;")
    w(f"            for (int j = 0; j < {n - 1} - i; j++)")
    w("            {")
    w("                ref ulong slot = ref Unsafe.Add(ref row, j + 1);")
    w("                slot = MulAdd(slot, ai, Unsafe.Add(ref src, j), ref c);")
    w("            }")
    w(f"            Unsafe.Add(ref pp, i + {n}) = c;")
    w("        }")
    emit_diagonal_and_reduce(w, n)
    w("    }")
    return "\n".join(lines)


def sqr(n: int) -> str:
    return sqr_straight(n) if n <= 16 else sqr_rows(n)


def reduce(n: int) -> str:
    lines = []
    w = lines.append
    w(f"    /// <summary>r = p/2^{64 * n} mod m for a {2 * n}-limb p below m*2^{64 * n} (word-by-word Montgomery reduction).</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    w(f"    internal static void Reduce{n}(ref ulong p, ref ulong pm, ulong mInv, ref ulong r)")
    w("    {")
    w("        ulong " + ", ".join(f"t{j} = Unsafe.Add(ref p, {j})" for j in range(n)) + ";")
    w(f"        ulong t{n} = 0;")
    w(f"        for (int i = 0; i < {n}; i++)")
    w("        {")
    w("            ulong k = t0 * mInv;")
    w("            ulong c = 0;")
    w("            _ = MulAdd(t0, k, pm, ref c);")
    for j in range(1, n):
        w(f"            t{j - 1} = MulAdd(t{j}, k, Unsafe.Add(ref pm, {j}), ref c);")
    # t[n-1] gets the next input word plus the carry plus the pending top carry.
    w(f"            ulong next = Unsafe.Add(ref p, i + {n});")
    w(f"            ulong s = next + t{n};")
    w(f"            ulong carry = s < next ? 1UL : 0UL;")
    w(f"            t{n - 1} = s + c;")
    w(f"            t{n} = carry + (t{n - 1} < c ? 1UL : 0UL);")
    w("        }")
    emit_final(w, n)
    w("    }")
    return "\n".join(lines)


def add(n: int) -> str:
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a + b mod m for {n}-limb operands below m.</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveInlining)]")
    w(f"    internal static void Add{n}(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ref ulong r)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pb = ref Unsafe.AsRef(in b);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w("        ulong carry = 0;")
    for j in range(n):
        w(f"        ulong t{j} = AddCarry(Unsafe.Add(ref pa, {j}), Unsafe.Add(ref pb, {j}), ref carry);")
    w(f"        ulong t{n} = carry;")
    emit_final(w, n)
    w("    }")
    return "\n".join(lines)


def sub(n: int) -> str:
    lines = []
    w = lines.append
    w(f"    /// <summary>r = a - b mod m for {n}-limb operands below m.</summary>")
    w("    [MethodImpl(MethodImplOptions.AggressiveInlining)]")
    w(f"    internal static void Sub{n}(ref readonly ulong a, ref readonly ulong b, ref readonly ulong m, ref ulong r)")
    w("    {")
    w("        ref ulong pa = ref Unsafe.AsRef(in a);")
    w("        ref ulong pb = ref Unsafe.AsRef(in b);")
    w("        ref ulong pm = ref Unsafe.AsRef(in m);")
    w("        ulong borrow = 0;")
    for j in range(n):
        w(f"        ulong t{j} = SubBorrow(Unsafe.Add(ref pa, {j}), Unsafe.Add(ref pb, {j}), ref borrow);")
    w("        ulong mask = 0UL - borrow;")
    w("        ulong carry = 0;")
    for j in range(n):
        w(f"        Unsafe.Add(ref r, {j}) = AddCarry(t{j}, Unsafe.Add(ref pm, {j}) & mask, ref carry);")
    w("    }")
    return "\n".join(lines)


def main() -> None:
    parts = [
        "// <auto-generated>",
        "// Written by tools/gen_montgomery.py; edit the generator, not this file.",
        "// </auto-generated>",
        "using System.Runtime.CompilerServices;",
        "using System.Runtime.InteropServices;",
        "using System.Runtime.Intrinsics.X86;",
        "",
        "namespace MedChain.Crypto.Arithmetic;",
        "",
        "internal static partial class Montgomery",
        "{",
    ]
    for n in SIZES:
        parts.append(mul(n))
        parts.append("")
        parts.append(mul2(n))
        parts.append("")
        parts.append(sqr(n))
        parts.append("")
        parts.append(reduce(n))
        parts.append("")
        parts.append(add(n))
        parts.append("")
        parts.append(sub(n))
        parts.append("")
    parts[-1] = "}"
    out = pathlib.Path("src/Crypto/Arithmetic/Montgomery.Unrolled.cs")
    out.write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
