using System.Security.Cryptography;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Matching;

namespace MedChain.Protocol.Tests;

/// <summary>Runs both matching protocols between two in-memory patients; returns each side's session key (null when it failed).</summary>
public static class MatchingRuns
{
    public static (byte[]? Initiator, byte[]? Responder) Hardened(SystemParameters p, string symptomA, string symptomB)
    {
        byte[] sid = RandomNumberGenerator.GetBytes(32);
        byte[] pidA = RandomNumberGenerator.GetBytes(156);
        byte[] pidB = RandomNumberGenerator.GetBytes(156);
        using var a = new HardenedMatching(p, true, sid, pidA, pidB, symptomA);
        using var b = new HardenedMatching(p, false, sid, pidB, pidA, symptomB);
        byte[] macA = a.Confirm(b.Share);
        byte[] macB = b.Confirm(a.Share);
        bool okA = a.Finish(macB);
        bool okB = b.Finish(macA);
        // SessionKey hands out copies, which stay valid after the parties are disposed.
        return (okA ? a.SessionKey : null, okB ? b.SessionKey : null);
    }

    public static (byte[]? Initiator, byte[]? Responder) Paper(SystemParameters p, string symptomA, string symptomB)
    {
        byte[] pidA = RandomNumberGenerator.GetBytes(156);
        byte[] pidB = RandomNumberGenerator.GetBytes(156);
        using var a = new PaperMatching(p, true, pidA, pidB, symptomA);
        using var b = new PaperMatching(p, false, pidB, pidA, symptomB);
        byte[] answer = b.ResponderAnswer(a.InitiatorOffer());
        byte[] macA = a.InitiatorMac(answer);
        byte[]? macB = b.ResponderMac(macA);
        if (macB is null)
        {
            return (null, null);
        }
        byte[]? encryptedKey = a.InitiatorSendKey(macB);
        if (encryptedKey is null || !b.ResponderReceiveKey(encryptedKey))
        {
            return (a.SessionKey, null);
        }
        return (a.SessionKey, b.SessionKey);
    }
}
