using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;

namespace MedChain.Protocol.Tests;

/// <summary>A consent signs exactly its scope: the trapdoors (by hash) and hospitals it covers.</summary>
public sealed class ConsentTests
{
    private static readonly SystemParameters s_p = Fixture.Parameters(80);

    [Fact]
    public void TheScopeCoversItsOwnTrapdoorsForTheirHospitalsOnlyAndIsSigned()
    {
        using SecretKey patient = SecretKey.Generate(s_p);
        using SecretKey doctor = SecretKey.Generate(s_p);
        byte[] pidA = [1, 1, 1], pidB = [2, 2, 2], trapdoorA = [10, 11, 12], trapdoorB = [20, 21, 22];
        Consent consent = Consent.Grant(patient, "c1", "p1", "d1", doctor.PublicKey, DateTimeOffset.UtcNow.AddHours(1), [(pidA, trapdoorA), (pidB, trapdoorB)]);
        Assert.True(consent.Verify(s_p, patient.PublicKey));

        Assert.True(ConsentScope.TryDecode(consent.Scope, out ConsentScope? scope));
        Assert.True(scope!.Covers(pidA, trapdoorA));
        Assert.True(scope.Covers(pidB, trapdoorB));
        Assert.False(scope.Covers(pidA, trapdoorB));
        Assert.False(scope.Covers(pidB, [10, 11, 12, 0]));
        Assert.False(scope.Covers([9], trapdoorA));

        // Widening the scope after signing breaks the signature; an empty or malformed scope does not decode.
        byte[] wider = ConsentScope.Of([(pidA, trapdoorA), (pidB, trapdoorB), (pidB, trapdoorA)]).Encode();
        Assert.False((consent with { Scope = wider }).Verify(s_p, patient.PublicKey));
        Assert.False(ConsentScope.TryDecode(new byte[4], out _));
        Assert.False(ConsentScope.TryDecode([.. consent.Scope, 0], out _));
        Assert.Throws<ArgumentException>(() => ConsentScope.Of([]));
    }
}
