using System.Net;
using System.Text;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Api.Tests.Security;

/// <summary>
/// Issue 11 §8: a hospital cannot register an id for someone else (ids are derived from the key they
/// enrolled with); a participant rotates his key with both keys' signatures; the sm-admin's
/// revocation ends logins, live tokens and records by or for the revoked key.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdentityTests(ApiFixture stack)
{
    [Fact]
    public async Task AHospitalCannotRegisterAnotherPersonsIdWithAKeyOfItsOwn()
    {
        World w = await stack.SharedWorldAsync();
        string victim = w.Ids["patient"], h2 = w.Ids["hospital-other"];
        using SecretKey own = SecretKey.Generate(w.Parameters);

        // The attack: hospital h2 enrolls, with a key it holds and that key's valid proof, the victim's id,
        // the id another patient's (public) key derives, and an invented one.
        foreach (string id in new[] { victim, ParticipantIds.Derive("patient", w.Keys["patient-other"].PublicKey), "alice" })
        {
            string proof = Convert.ToBase64String(EnrollmentStatement.Sign(own, "patient", id, h2));
            MedChainApiException refused = await Assert.ThrowsAsync<MedChainApiException>(() =>
                w.Clients["hospital-other"].RegisterPatientAsync(id, own.PublicKey, Convert.FromBase64String(proof)));
            Assert.Equal(422, refused.Status);
            Assert.Contains("patientId", refused.Detail);
        }
        string doctorProof = Convert.ToBase64String(EnrollmentStatement.Sign(own, "doctor", w.Ids["doctor"], h2));
        Assert.Equal(422, (await Assert.ThrowsAsync<MedChainApiException>(() =>
            w.Clients["hospital-other"].RegisterDoctorAsync(w.Ids["doctor"], own.PublicKey, Convert.FromBase64String(doctorProof)))).Status);

        // Nothing was bound: the hospital's key does not log in as the victim, and he still logs in as himself.
        Assert.Equal(401, (await Assert.ThrowsAsync<MedChainApiException>(() => MedChainClient.Create(stack.BaseAddress).LoginAsync("patient", victim, own))).Status);
        await MedChainClient.Create(stack.BaseAddress).LoginAsync("patient", victim, w.Keys["patient"]);
    }

    [Fact]
    public async Task ARotationSignedByBothKeysMovesTheIdAndAnythingElseIsRefused()
    {
        World w = await stack.SharedWorldAsync();
        string h1 = w.Ids["hospital"];
        (MedChainClient doctor, DoctorDevice device, SecretKey first) = await NewDoctorAsync(w, h1);
        using Enrolled patient = await NewPatientAsync(w);
        string id = device.DoctorId;
        RecordAccepted before = await doctor.BroadcastAsync(id, Record(w, patient, device, "signed with the first key"));

        using SecretKey second = SecretKey.Generate(w.Parameters);
        using SecretKey stranger = SecretKey.Generate(w.Parameters);
        // A token alone does not rotate: the current key's signature is missing (a stranger signed in its place), or the new key did not sign.
        KeyRotation forged = KeyRotation.Create("doctor", id, stranger, second);
        Assert.Equal(422, (await Assert.ThrowsAsync<MedChainApiException>(() => doctor.RotateKeyAsync("doctor", id, forged))).Status);
        KeyRotation unheld = KeyRotation.Create("doctor", id, first, second) with { NewKeySignature = KeyRotation.Create("doctor", id, first, stranger).NewKeySignature };
        Assert.Equal(422, (await Assert.ThrowsAsync<MedChainApiException>(() => doctor.RotateKeyAsync("doctor", id, unheld))).Status);
        // Another participant cannot rotate his key, even with a valid rotation.
        Assert.Equal(403, (await Assert.ThrowsAsync<MedChainApiException>(() => w.Clients["doctor-other"].RotateKeyAsync("doctor", id, KeyRotation.Create("doctor", id, first, second)))).Status);
        await MedChainClient.Create(stack.BaseAddress).LoginAsync("doctor", id, first);

        ParticipantKeyInfo rotated = await doctor.RotateKeyAsync("doctor", id, KeyRotation.Create("doctor", id, first, second));
        Assert.Equal(Convert.ToBase64String(second.PublicKey.Encode()), rotated.PublicKey);
        Assert.Equal(rotated.PublicKey, (await doctor.GetDoctorAsync(id)).PublicKey);
        Assert.Equal(401, (await Assert.ThrowsAsync<MedChainApiException>(() => MedChainClient.Create(stack.BaseAddress).LoginAsync("doctor", id, first))).Status);
        var renewed = MedChainClient.Create(stack.BaseAddress);
        await renewed.LoginAsync("doctor", id, second);

        // His hospital takes the new key for broadcasts and refuses the old one; what the old key signed stays his.
        var newDevice = new DoctorDevice(w.Parameters, id, second);
        await renewed.BroadcastAsync(id, Record(w, patient, newDevice, "signed with the second key"));
        MedChainApiException stale = await Assert.ThrowsAsync<MedChainApiException>(() => renewed.BroadcastAsync(id, Record(w, patient, device, "signed with the old key")));
        Assert.Equal(422, stale.Status);
        await w.Clients["hospital"].SealAsync(h1);
        Assert.NotNull(await renewed.GetReceiptAsync(h1, before.RecordId));
    }

    [Fact]
    public async Task ARevokedDoctorsTokenLoginAndRecordsAreRefused()
    {
        World w = await stack.SharedWorldAsync();
        (MedChainClient doctor, DoctorDevice device, SecretKey key) = await NewDoctorAsync(w, w.Ids["hospital"]);
        using Enrolled patient = await NewPatientAsync(w);
        string id = device.DoctorId;
        await doctor.BroadcastAsync(id, Record(w, patient, device, "before the revocation"));
        Assert.Equal(403, (await Assert.ThrowsAsync<MedChainApiException>(() => w.Clients["hospital"].RevokeKeyAsync("doctor", id))).Status);

        ParticipantKeyInfo revoked = await w.Clients["sm-admin"].RevokeKeyAsync("doctor", id);
        Assert.True(revoked.Revoked);
        Assert.True((await w.Clients["hospital"].GetDoctorAsync(id)).Revoked);
        // The token he holds stops admitting him at once; he cannot log in again, nor rotate away from the revoked key.
        MedChainApiException live = await Assert.ThrowsAsync<MedChainApiException>(() => doctor.BroadcastAsync(id, Record(w, patient, device, "after the revocation")));
        Assert.Equal(401, live.Status);
        Assert.Contains("revoked", live.Detail);
        Assert.Equal(403, (await Assert.ThrowsAsync<MedChainApiException>(() => MedChainClient.Create(stack.BaseAddress).LoginAsync("doctor", id, key))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<MedChainApiException>(() => w.Clients["sm-admin"].RevokeKeyAsync("doctor", "never-" + Guid.NewGuid().ToString("N")[..8]))).Status);
    }

    [Fact]
    public async Task ARevokedPatientGetsNoNewRecordsNoLoginAndNoNewHospital()
    {
        World w = await stack.SharedWorldAsync();
        string h1 = w.Ids["hospital"];
        using SecretKey key = SecretKey.Generate(w.Parameters);
        var patient = new PatientDevice(w.Parameters, key);
        PatientRegistered registered = await w.Clients["hospital"].RegisterPatientAsync(patient.PatientId, key.PublicKey, patient.Enrollment(h1));
        var client = MedChainClient.Create(stack.BaseAddress);
        await client.LoginAsync("patient", patient.PatientId, key);
        DoctorDevice d1 = w.DoctorDevice("doctor");
        BroadcastRecordRequest Record(string text) =>
            d1.Encrypt(patient.PatientId, key.PublicKey, Convert.FromBase64String(registered.Alpha), w.H1, World.Symptom, Encoding.UTF8.GetBytes(text));
        await w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], Record("before"));

        await w.Clients["sm-admin"].RevokeKeyAsync("patient", patient.PatientId);
        MedChainApiException refused = await Assert.ThrowsAsync<MedChainApiException>(() => w.Clients["doctor"].BroadcastAsync(w.Ids["doctor"], Record("after")));
        Assert.Equal(409, refused.Status);
        Assert.Contains("revoked", refused.Detail);
        Assert.Equal(401, (await Assert.ThrowsAsync<MedChainApiException>(() => client.GetPatientHospitalsAsync(patient.PatientId))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<MedChainApiException>(() => MedChainClient.Create(stack.BaseAddress).LoginAsync("patient", patient.PatientId, key))).Status);
        // Re-registering the revoked id elsewhere is refused too: a patient who lost his key enrolls under a new id.
        Assert.Equal(403, (await Assert.ThrowsAsync<MedChainApiException>(() =>
            w.Clients["hospital-other"].RegisterPatientAsync(patient.PatientId, key.PublicKey, patient.Enrollment(w.Ids["hospital-other"])))).Status);
    }

    /// <summary>A record for a patient of this test only (the shared world's patients keep their ten records).</summary>
    private static BroadcastRecordRequest Record(World w, Enrolled patient, DoctorDevice doctor, string text) =>
        doctor.Encrypt(patient.Id, patient.Key.PublicKey, patient.Alpha, w.H1, World.Symptom, Encoding.UTF8.GetBytes(text));

    private static async Task<Enrolled> NewPatientAsync(World w)
    {
        SecretKey key = SecretKey.Generate(w.Parameters);
        var device = new PatientDevice(w.Parameters, key);
        PatientRegistered registered = await w.Clients["hospital"].RegisterPatientAsync(device.PatientId, key.PublicKey, device.Enrollment(w.Ids["hospital"]));
        return new Enrolled(device.PatientId, key, Convert.FromBase64String(registered.Alpha));
    }

    private sealed record Enrolled(string Id, SecretKey Key, byte[] Alpha) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }

    private async Task<(MedChainClient Client, DoctorDevice Device, SecretKey Key)> NewDoctorAsync(World w, string hospitalId)
    {
        SecretKey key = SecretKey.Generate(w.Parameters);
        var device = new DoctorDevice(w.Parameters, key);
        await w.Clients["hospital"].RegisterDoctorAsync(device.DoctorId, key.PublicKey, device.Enrollment(hospitalId));
        var client = MedChainClient.Create(stack.BaseAddress);
        await client.LoginAsync("doctor", device.DoctorId, key);
        return (client, device, key);
    }
}
