using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Matching;

/// <summary>
/// The patients session of III.F as the paper writes it (paper mode), between an initiator A
/// (US_ij) and a responder B (US_i+1,j+1):
/// 1) the PIDs are exchanged; 2) A picks n_A and z, sends (z, P_A = g^(z n_A), Q_A = g^(w n_A)),
/// w = 1/z; B picks n_B and sends (P_B, Q_B) likewise; 3) both get k = g^(w n_A n_B)
/// (A: Q_B^n_A, B: Q_A^n_B); A sends MAC_k(transcript, "A", t_A); B checks it with its own t and
/// answers MAC_k(transcript, "B", t_B); 4) A checks that and sends E_k(K) (AES-GCM under a key
/// derived from k apart from the MAC key) for the session key
/// K = P_B^n_A = g^(z n_A n_B); 5) B opens it.
/// The paper's two MAC input lists disagree (different fields, different order), so both MACs
/// here cover one canonical transcript (PID_A, PID_B, z, P_A, Q_A, P_B, Q_B) plus a role label and
/// the symptom. Weakness, kept on purpose in this mode: B knows k after step 2, so the MAC of step
/// 3 lets B test every symptom code offline; use <see cref="HardenedMatching"/> instead.
/// </summary>
public sealed class PaperMatching : IDisposable
{
    private readonly SystemParameters _parameters;
    private readonly bool _initiator;
    private readonly byte[] _ownPid;
    private readonly byte[] _peerPid;
    private readonly byte[] _symptom;
    private readonly Scalar _n;
    private Scalar? _z;
    private G1Point? _p;
    private G1Point? _q;
    private byte[]? _macKey;
    private byte[]? _wrapKey;
    private byte[]? _transcript;
    private G1Point? _peerP;

    /// <summary>Prepares one party.</summary>
    public PaperMatching(SystemParameters parameters, bool initiator, byte[] ownPid, byte[] peerPid, string symptomCode)
    {
        _parameters = parameters;
        _initiator = initiator;
        _ownPid = ownPid;
        _peerPid = peerPid;
        using Scalar t = parameters.Hashes.Symptom(symptomCode);
        _symptom = t.Encode();
        _n = parameters.Group.RandomNonZeroScalar();
    }

    /// <summary>The session key K once established.</summary>
    public byte[]? SessionKey { get; private set; }

    /// <summary>Step 2 (A): z || P_A || Q_A.</summary>
    public byte[] InitiatorOffer()
    {
        RequireRole(true);
        _z = _parameters.Group.RandomNonZeroScalar();
        ComputeShares();
        return [.. _z.Encode(), .. _p!.Encode(), .. _q!.Encode()];
    }

    /// <summary>Step 2 (B): reads A's offer and answers P_B || Q_B.</summary>
    public byte[] ResponderAnswer(ReadOnlySpan<byte> offer)
    {
        RequireRole(false);
        int s = _parameters.Group.ScalarLength;
        int n = _parameters.Group.G1CompressedLength;
        if (offer.Length != s + 2 * n)
        {
            throw new FormatException("Matching offer has the wrong length.");
        }
        _z = _parameters.Group.DecodeScalar(offer[..s], allowZero: false);
        ComputeShares();
        G1Point peerP = _parameters.Group.DecodeG1(offer.Slice(s, n));
        G1Point peerQ = _parameters.Group.DecodeG1(offer[(s + n)..]);
        Agree(peerP, peerQ);
        return [.. _p!.Encode(), .. _q!.Encode()];
    }

    /// <summary>Step 3 (A): reads B's answer and returns MAC_A.</summary>
    public byte[] InitiatorMac(ReadOnlySpan<byte> answer)
    {
        RequireRole(true);
        int n = _parameters.Group.G1CompressedLength;
        if (answer.Length != 2 * n)
        {
            throw new FormatException("Matching answer has the wrong length.");
        }
        Agree(_parameters.Group.DecodeG1(answer[..n]), _parameters.Group.DecodeG1(answer[n..]));
        return Mac("A");
    }

    /// <summary>Step 3 (B): checks MAC_A against B's own symptom; returns MAC_B, or null when the symptoms differ.</summary>
    public byte[]? ResponderMac(ReadOnlySpan<byte> initiatorMac)
    {
        RequireRole(false);
        return MatchingKeys.MacEquals(Mac("A"), initiatorMac) ? Mac("B") : null;
    }

    /// <summary>Step 4 (A): checks MAC_B; returns E_k(K) (AES-256-GCM, nonce || ciphertext || tag) or null.</summary>
    public byte[]? InitiatorSendKey(ReadOnlySpan<byte> responderMac)
    {
        RequireRole(true);
        if (!MatchingKeys.MacEquals(Mac("B"), responderMac))
        {
            return null;
        }
        byte[] shared = _peerP!.Multiply(_n).Encode();
        SessionKey = MatchingKeys.Derive(shared, [], "paper-session");
        CryptographicOperations.ZeroMemory(shared);
        byte[] result = new byte[12 + SessionKey.Length + 16];
        RandomNumberGenerator.Fill(result.AsSpan(0, 12));
        using var aes = new AesGcm(_wrapKey!, 16);
        aes.Encrypt(result.AsSpan(0, 12), SessionKey, result.AsSpan(12, SessionKey.Length), result.AsSpan(12 + SessionKey.Length), _transcript);
        return result;
    }

    /// <summary>Step 5 (B): opens E_k(K); false when it does not open.</summary>
    public bool ResponderReceiveKey(ReadOnlySpan<byte> encryptedKey)
    {
        RequireRole(false);
        if (_wrapKey is null || encryptedKey.Length != 12 + 32 + 16)
        {
            return false;
        }
        byte[] key = new byte[32];
        try
        {
            using var aes = new AesGcm(_wrapKey, 16);
            aes.Decrypt(encryptedKey[..12], encryptedKey.Slice(12, 32), encryptedKey[^16..], key, _transcript);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        SessionKey = key;
        return true;
    }

    /// <summary>Wipes n, z and the keys.</summary>
    public void Dispose()
    {
        _n.Dispose();
        _z?.Dispose();
        if (_macKey is not null)
        {
            CryptographicOperations.ZeroMemory(_macKey);
        }
        if (_wrapKey is not null)
        {
            CryptographicOperations.ZeroMemory(_wrapKey);
        }
    }

    private void ComputeShares()
    {
        using Scalar w = _z!.Invert();
        using Scalar zn = _z * _n;
        using Scalar wn = w * _n;
        _p = _parameters.Tables.FixedG.Multiply(zn);
        _q = _parameters.Tables.FixedG.Multiply(wn);
    }

    private void Agree(G1Point peerP, G1Point peerQ)
    {
        _peerP = peerP;
        byte[] k = peerQ.Multiply(_n).Encode();
        (byte[] pidA, byte[] pidB) = _initiator ? (_ownPid, _peerPid) : (_peerPid, _ownPid);
        (G1Point pA, G1Point qA, G1Point pB, G1Point qB) = _initiator ? (_p!, _q!, peerP, peerQ) : (peerP, peerQ, _p!, _q!);
        _transcript = new CanonicalWriter().Bytes(pidA).Bytes(pidB).Bytes(_z!.Encode())
            .Bytes(pA.Encode()).Bytes(qA.Encode()).Bytes(pB.Encode()).Bytes(qB.Encode()).ToArray();
        _macKey = MatchingKeys.Derive(k, [], "paper-mac");
        _wrapKey = MatchingKeys.Derive(k, [], "paper-wrap");
        CryptographicOperations.ZeroMemory(k);
    }

    private byte[] Mac(string role) =>
        MatchingKeys.Mac(_macKey ?? throw new InvalidOperationException("Keys are not agreed yet."),
            new CanonicalWriter().Fixed(_transcript!).Bytes(System.Text.Encoding.ASCII.GetBytes(role)).Bytes(_symptom).ToArray());

    private void RequireRole(bool initiator)
    {
        if (initiator != _initiator)
        {
            throw new InvalidOperationException(initiator ? "Only the initiator does this step." : "Only the responder does this step.");
        }
    }
}
