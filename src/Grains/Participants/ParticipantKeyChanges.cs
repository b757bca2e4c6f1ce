using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;

namespace MedChain.Grains.Participants;

/// <summary>
/// Key rotation and revocation for the doctor and patient grains: the change is stored first (and
/// undone when the write fails), then <c>tell</c> passes it to the participant's hospitals. A
/// retry of a stored change tells them again, so a hospital missed by a failed call catches up.
/// </summary>
internal static class ParticipantKeyChanges
{
    /// <summary>Verifies <see cref="KeyRotation"/> against the current key, stores the new key, then tells the hospitals.</summary>
    public static async Task RotateAsync<T>(IPersistentState<T> state, SystemParameters parameters, string role, string participantId,
        KeyRotation rotation, Func<byte[], Task> tell)
        where T : IParticipantKeyState
    {
        T s = state.State;
        if (s.PublicKey.Length == 0)
        {
            throw new RefusalException(Refusal.NotFound, $"The {role} '{participantId}' is not registered.");
        }
        if (s.Revoked)
        {
            throw new RefusalException(Refusal.Forbidden, $"The key of the {role} '{participantId}' has been revoked; he enrolls again under a new id.");
        }
        if (s.PublicKey.AsSpan().SequenceEqual(rotation.NewKey) && s.PreviousKeys.Count > 0
            && rotation.Verify(parameters, role, participantId, PublicKey.Decode(parameters, s.PreviousKeys[^1])) is not null)
        {
            await tell(s.PublicKey);
            return;
        }
        if (rotation.Verify(parameters, role, participantId, PublicKey.Decode(parameters, s.PublicKey)) is not { } next)
        {
            throw new RefusalException(Refusal.Invalid, "The rotation is not signed by both the current key and the new one.");
        }
        byte[] before = s.PublicKey;
        s.PreviousKeys.Add(before);
        s.PublicKey = next.Encode();
        await state.WriteOrUndoAsync(() =>
        {
            s.PublicKey = before;
            s.PreviousKeys.RemoveAt(s.PreviousKeys.Count - 1);
        });
        await tell(s.PublicKey);
    }

    /// <summary>Marks the key revoked (stored), then tells the hospitals; false when the participant is not registered.</summary>
    public static async Task<bool> RevokeAsync<T>(IPersistentState<T> state, Func<byte[], Task> tell)
        where T : IParticipantKeyState
    {
        T s = state.State;
        if (s.PublicKey.Length == 0)
        {
            return false;
        }
        if (!s.Revoked)
        {
            s.Revoked = true;
            await state.WriteOrUndoAsync(() => s.Revoked = false);
        }
        await tell(s.PublicKey);
        return true;
    }
}
