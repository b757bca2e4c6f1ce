using System.Text.RegularExpressions;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Tests;

/// <summary>Self-certifying participant ids and key rotation statements (issue 11 §8).</summary>
public sealed class IdentityTests
{
    private static readonly SystemParameters P = Fixture.Parameters(80);

    [Theory]
    // Expected values computed independently (Python: hashlib.sha256, base64.b32encode) for the key bytes 02 01 02 .. 20.
    [InlineData("doctor", "doctor-dav5qjnqkvldtcwkekbmjmlv5p")]
    [InlineData("patient", "patient-qvrvperktpnmvh67irkzpatzvj")]
    public void AnIdIsTheTaggedHashOfRoleAndKey(string role, string expected)
    {
        byte[] key = [2, .. Enumerable.Range(1, 32).Select(i => (byte)i)];
        Assert.Equal(expected, ParticipantIds.Derive(role, key));
    }

    [Fact]
    public void IdsAreValidDistinctPerKeyAndRoleAndRecognisedOnlyForTheirKey()
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < 20; i++)
        {
            using SecretKey key = SecretKey.Generate(P);
            using SecretKey other = SecretKey.Generate(P);
            string doctor = ParticipantIds.Derive("doctor", key.PublicKey);
            Assert.Matches(new Regex("^doctor-[a-z2-7]{26}$"), doctor);
            Assert.True(ParticipantIds.IsValid(doctor));
            Assert.True(seen.Add(doctor));
            Assert.True(ParticipantIds.IsDerivedFrom(doctor, "doctor", key.PublicKey));
            Assert.False(ParticipantIds.IsDerivedFrom(doctor, "doctor", other.PublicKey));
            Assert.False(ParticipantIds.IsDerivedFrom(doctor, "patient", key.PublicKey));
            Assert.False(ParticipantIds.IsDerivedFrom(doctor.ToUpperInvariant(), "doctor", key.PublicKey));
            Assert.NotEqual(ParticipantIds.Derive("patient", key.PublicKey)[8..], doctor[7..]);
        }
    }

    [Fact]
    public void ARotationVerifiesOnlyWithBothKeysForItsIdAndRole()
    {
        using SecretKey current = SecretKey.Generate(P);
        using SecretKey next = SecretKey.Generate(P);
        using SecretKey stranger = SecretKey.Generate(P);
        string id = ParticipantIds.Derive("patient", current.PublicKey);
        KeyRotation rotation = KeyRotation.Create("patient", id, current, next);
        Assert.Equal(next.PublicKey, rotation.Verify(P, "patient", id, current.PublicKey));

        Assert.Null(rotation.Verify(P, "patient", id + "x", current.PublicKey));
        Assert.Null(rotation.Verify(P, "doctor", id, current.PublicKey));
        Assert.Null(rotation.Verify(P, "patient", id, stranger.PublicKey));
        Assert.Null(KeyRotation.Create("patient", id, stranger, next).Verify(P, "patient", id, current.PublicKey));
        Assert.Null((rotation with { NewKeySignature = KeyRotation.Create("patient", id, current, stranger).NewKeySignature }).Verify(P, "patient", id, current.PublicKey));
        Assert.Null((rotation with { NewKey = stranger.PublicKey.Encode() }).Verify(P, "patient", id, current.PublicKey));
        Assert.Null((rotation with { NewKey = new byte[3] }).Verify(P, "patient", id, current.PublicKey));
        // A "rotation" to the key already held is no rotation.
        Assert.Null(KeyRotation.Create("patient", id, current, current).Verify(P, "patient", id, current.PublicKey));
        // The signatures are for key rotation only: an enrollment or login signature over the same bytes does not verify.
        byte[] statement = KeyRotation.Statement("patient", id, current.PublicKey, next.PublicKey);
        byte[] enrollment = Signatures.SchnorrSignature.Sign(current, Signatures.SignaturePurpose.Enrollment, statement).Encode();
        Assert.Null((rotation with { CurrentKeySignature = enrollment }).Verify(P, "patient", id, current.PublicKey));
    }
}
