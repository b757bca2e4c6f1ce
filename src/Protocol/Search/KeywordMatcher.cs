using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Protocol.Search;

/// <summary>
/// The hospital server's side of the search (III.E step 6): unmasks W = U2 / M (M the trapdoor's
/// mask, recomputed from U1^x_i) once, then tests each of the patient's records by
/// C3 = H2(e(C2, W)). From the second record on, W's Miller lines are precomputed (the pairing is
/// symmetric, so e(C2, W) = e(W, C2)): preparing costs about one pairing and halves every later one.
/// Not thread-safe: one instance per search.
/// </summary>
public sealed class KeywordMatcher
{
    private readonly SystemParameters _parameters;
    private readonly G1Point _w;
    private PreparedG1? _prepared;
    private bool _testedOne;

    private KeywordMatcher(SystemParameters parameters, G1Point w)
    {
        _parameters = parameters;
        _w = w;
    }

    /// <summary>Unmasks a trapdoor addressed to this hospital.</summary>
    public static KeywordMatcher Create(SystemParameters parameters, SecretKey hospital, Trapdoor trapdoor)
    {
        G1Point mask = Trapdoor.Mask(parameters, trapdoor.U1.Multiply(hospital.X));
        return new KeywordMatcher(parameters, trapdoor.U2 - mask);
    }

    /// <summary>True when the record was encrypted for this patient under this symptom.</summary>
    public bool Matches(RecordCiphertext record)
    {
        GtElement u;
        if (!_testedOne)
        {
            _testedOne = true;
            u = _parameters.Group.Pair(_w, record.C2);
        }
        else
        {
            _prepared ??= _parameters.Group.Prepare(_w);
            u = _prepared.Pair(record.C2);
        }
        return CryptographicOperations.FixedTimeEquals(_parameters.Hashes.H2(u), record.C3.Span);
    }
}
