using MedChain.Crypto;
using MedChain.Crypto.Fields;

namespace MedChain.Bench;

/// <summary>Chained F_q operations (1000 per run), reported per operation in nanoseconds by the quick benchmark.</summary>
internal static class FieldOperation
{
    internal const int Chain = 1000;

    internal static IReadOnlyList<(string Name, Func<object> Run)> For(PairingGroup group)
    {
        PrimeField fq = new(group.Parameters.Q);
        fq.Random(out FieldElement a0);
        fq.Random(out FieldElement b0);
        var box = new FieldElement[] { a0, b0 };
        return
        [
            ("fq-mul-ns", () =>
            {
                FieldElement a = box[0];
                for (int i = 0; i < Chain; i++)
                {
                    fq.Mul(in a, in box[1], out a);
                }
                return a[0];
            }),
            ("fq-sqr-ns", () =>
            {
                FieldElement a = box[0];
                for (int i = 0; i < Chain; i++)
                {
                    fq.Sqr(in a, out a);
                }
                return a[0];
            }),
            ("fq-mul2-ns", () =>
            {
                FieldElement a = box[0];
                FieldElement c = box[1];
                for (int i = 0; i < Chain / 2; i++)
                {
                    fq.Mul2(in a, in box[1], in c, in box[0], out a, out c);
                }
                return a[0] ^ c[0];
            }),
            ("fq-inv-ns", () =>
            {
                FieldElement a = box[0];
                for (int i = 0; i < 10; i++)
                {
                    fq.InverseVartime(in a, out a);
                }
                return a[0];
            }),
            ("fq-add-ns", () =>
            {
                FieldElement a = box[0];
                for (int i = 0; i < Chain; i++)
                {
                    fq.Add(in a, in box[1], out a);
                }
                return a[0];
            }),
        ];
    }
}
