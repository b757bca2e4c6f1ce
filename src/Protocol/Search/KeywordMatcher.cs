using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Protocol.Search;

/// <summary>
/// The hospital server's side of the search (III.E step 6): unmasks W = U2 / H1(U1^x_i) once,
/// prepares the pairing with W, then tests each of the patient's records by
/// C3 = H2(e(C2, W)) (the pairing is symmetric, so e(C2, W) = e(W, C2) uses the prepared W).
/// </summary>
public sealed class KeywordMatcher
{
    private readonly SystemParameters _parameters;
    private readonly PreparedG1 _w;

    private KeywordMatcher(SystemParameters parameters, PreparedG1 w)
    {
        _parameters = parameters;
        _w = w;
    }

    /// <summary>Unmasks a trapdoor addressed to this hospital.</summary>
    public static KeywordMatcher Create(SystemParameters parameters, SecretKey hospital, Trapdoor trapdoor)
    {
        G1Point mask = Trapdoor.Mask(parameters, trapdoor.U1.Multiply(hospital.X));
        return new KeywordMatcher(parameters, parameters.Group.Prepare(trapdoor.U2 - mask));
    }

    /// <summary>True when the record was encrypted for this patient under this symptom.</summary>
    public bool Matches(RecordCiphertext record) =>
        CryptographicOperations.FixedTimeEquals(_parameters.Hashes.H2(_w.Pair(record.C2)), record.C3.Span);
}
