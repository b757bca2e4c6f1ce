using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Crypto.Encoding;
using MedChain.Protocol.Hashing;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Matching;

/// <summary>
/// The patients session (III.F), hardened mode (our default): a CPace-style PAKE over G1 with the
/// symptom code as the shared low-entropy secret. Both sides derive G = H1(tag || sid || t), send
/// Y = G^y, compute K = Y_peer^y, and derive from (sid, transcript, K) a confirmation key and a
/// session key; each sends a MAC of the transcript under its role. Equal symptoms give equal keys
/// and valid MACs; different symptoms fail, and a peer or eavesdropper gets only one online guess
/// per run, no offline test of symptom codes. One instance per party and run.
/// </summary>
public sealed class HardenedMatching : IDisposable
{
    private readonly SystemParameters _parameters;
    private readonly bool _initiator;
    private readonly byte[] _sessionId;
    private readonly byte[] _ownPid;
    private readonly byte[] _peerPid;
    private readonly Scalar _y;
    private readonly G1Point _ownShare;
    private byte[]? _confirmKey;
    private byte[]? _transcript;
    private byte[]? _pendingSession;
    private byte[]? _sessionKey;

    /// <summary>Starts a run: sid is agreed beforehand (the relay gives it), PIDs identify both parties.</summary>
    public HardenedMatching(SystemParameters parameters, bool initiator, byte[] sessionId, byte[] ownPid, byte[] peerPid, string symptomCode)
    {
        if (sessionId.Length < 16)
        {
            throw new ArgumentException("The session id must have at least 16 bytes.", nameof(sessionId));
        }
        _parameters = parameters;
        _initiator = initiator;
        _sessionId = sessionId;
        _ownPid = ownPid;
        _peerPid = peerPid;
        using Scalar t = parameters.Hashes.Symptom(symptomCode);
        byte[] tBytes = t.Encode();
        G1Point g = parameters.Group.HashToG1([.. sessionId, .. tBytes], DomainTags.MatchingGenerator);
        CryptographicOperations.ZeroMemory(tBytes);
        _y = parameters.Group.RandomNonZeroScalar();
        _ownShare = g.Multiply(_y);
    }

    /// <summary>This party's message Y = G^y.</summary>
    public byte[] Share => _ownShare.Encode();

    /// <summary>A copy of the session key once the peer's confirmation verified (the caller owns and wipes it).</summary>
    public byte[]? SessionKey => _sessionKey is null ? null : (byte[])_sessionKey.Clone();

    /// <summary>Takes the peer's Y; returns this party's confirmation MAC. Throws on an invalid Y.</summary>
    /// <exception cref="EncodingException">Y is not a valid non-identity element of G1.</exception>
    public byte[] Confirm(ReadOnlySpan<byte> peerShare)
    {
        G1Point peer = _parameters.Group.DecodeG1(peerShare);
        byte[] k = peer.Multiply(_y).Encode();
        (byte[] firstPid, byte[] firstY, byte[] secondPid, byte[] secondY) = _initiator
            ? (_ownPid, Share, _peerPid, peer.Encode())
            : (_peerPid, peer.Encode(), _ownPid, Share);
        _transcript = new CanonicalWriter().Bytes(_sessionId).Bytes(firstPid).Bytes(firstY).Bytes(secondPid).Bytes(secondY).ToArray();
        byte[] secret = [.. k, .. _transcript];
        _confirmKey = MatchingKeys.Derive(secret, _sessionId, "confirm");
        _pendingSession = MatchingKeys.Derive(secret, _sessionId, "session");
        CryptographicOperations.ZeroMemory(k);
        CryptographicOperations.ZeroMemory(secret);
        return MatchingKeys.Mac(_confirmKey, [.. RoleLabel(_initiator), .. _transcript]);
    }

    /// <summary>Checks the peer's MAC; true (and <see cref="SessionKey"/> set) when the symptoms matched.</summary>
    public bool Finish(ReadOnlySpan<byte> peerMac)
    {
        if (_confirmKey is null || _transcript is null || _pendingSession is null)
        {
            throw new InvalidOperationException("Call Confirm first.");
        }
        byte[] expected = MatchingKeys.Mac(_confirmKey, [.. RoleLabel(!_initiator), .. _transcript]);
        if (!MatchingKeys.MacEquals(expected, peerMac))
        {
            return false;
        }
        _sessionKey = _pendingSession;
        return true;
    }

    /// <summary>Wipes y and the keys.</summary>
    public void Dispose()
    {
        _y.Dispose();
        if (_confirmKey is not null)
        {
            CryptographicOperations.ZeroMemory(_confirmKey);
        }
        if (_pendingSession is not null)
        {
            CryptographicOperations.ZeroMemory(_pendingSession);
        }
    }

    private static byte[] RoleLabel(bool initiator) => initiator ? "initiator"u8.ToArray() : "responder"u8.ToArray();
}
