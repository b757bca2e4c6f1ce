using MedChain.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MedChain.Crypto;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Search;

namespace MedChain.Grains.Tests.Security;

/// <summary>
/// Issue 11 §6: what a reader of the storage learns without the KEK. After a patient is registered,
/// has records sealed and searched and a share logged, his id and his alpha appear in no table row
/// (members, record index, access log) and not in his hospital's state: patients are named by keyed
/// pseudonyms there, alphas and access entries are sealed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageClearTextTests(ClusterFixture fixture)
{
    [Fact]
    public async Task APatientsIdAndAlphaAreNotInTheTablesNorInHisHospitalsState()
    {
        using Scenario s = await Scenario.CreateAsync(fixture.Cluster);
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast($"visit {i}"))).Accepted);
        }
        await s.Hospital.SealPendingAsync();
        Assert.True((await s.Hospital.BroadcastAsync(s.Broadcast("pending"))).Accepted);
        using Scalar fever = s.Parameters.Hashes.Symptom("R50.9");
        var trapdoors = new Dictionary<string, byte[]> { [Convert.ToBase64String(s.HospitalPid)] = Trapdoor.Create(s.Parameters, s.Patient, s.HospitalKey, fever).Encode() };
        using SecretKey reader = SecretKey.Generate(s.Parameters);
        string readerId = await s.RegisterDoctorAsync(reader);
        await fixture.Cluster.GrainFactory.GetGrain<IPatientGrain>(s.PatientId).GrantConsentAsync(Scenario.Grant(
            Consent.Grant(s.Patient, "c-clear", s.PatientId, readerId, reader.PublicKey, DateTimeOffset.UtcNow.AddHours(1), Scenario.Scope(trapdoors))));
        Assert.Equal(3, (await fixture.Cluster.GrainFactory.GetReEncryptionProxy().ShareAsync(s.PatientId, "c-clear", readerId, trapdoors)).Records.Length);
        Assert.Equal(3, (await fixture.Cluster.GrainFactory.GetGrain<IAccessLogGrain>(s.PatientId).AuditAsync()).Count);

        var seen = new List<string>();
        foreach (string name in new[] { "medchainmembers", "medchainindex", "medchainaccess" })
        {
            await foreach (TableEntity row in new TableClient(fixture.StorageConnectionString, name).QueryAsync<TableEntity>())
            {
                seen.Add($"{name} {row.PartitionKey} {row.RowKey} " + string.Join(" ", row.Select(p => p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value?.ToString())));
            }
        }
        BlobClient hospitalState = await GrainStateBlobs.FindAsync(fixture.StorageConnectionString, fixture.ServiceId, "hospital", "hospital/" + s.HospitalId);
        seen.Add((await hospitalState.DownloadContentAsync()).Value.Content.ToString());

        string alpha = Convert.ToBase64String(s.Alpha);
        Assert.Contains(seen, text => text.Contains(s.HospitalId, StringComparison.Ordinal));
        Assert.DoesNotContain(seen, text => text.Contains(s.PatientId, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(s.PatientId), StringComparison.Ordinal));
        Assert.DoesNotContain(seen, text => text.Contains(alpha, StringComparison.Ordinal));
        Assert.DoesNotContain(seen, text => text.Contains(readerId, StringComparison.Ordinal) && text.Contains("medchainaccess", StringComparison.Ordinal));
    }
}
