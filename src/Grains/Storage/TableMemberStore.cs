using Azure;
using Azure.Data.Tables;
using MedChain.Grains.Hospital;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IMemberStore"/> on Azure Table Storage: one partition per hospital
/// (<c>{service}:{hospital}</c>), rows <c>d:{doctorId}</c> and <c>p:{patient pseudonym}</c> (ids
/// URI-escaped); a patient's alpha is encrypted under the key-encryption key, bound to his row.
/// </summary>
public sealed class TableMemberStore : IMemberStore
{
    private readonly LazyTable _table;
    private readonly string _serviceId;
    private readonly Hosting.KeyProtector _keys;

    /// <summary>A store in a table (created on first use), its partitions prefixed by the service id.</summary>
    public TableMemberStore(string connectionString, string tableName, string serviceId, Hosting.KeyProtector keys)
    {
        _table = new LazyTable(connectionString, tableName);
        _serviceId = serviceId;
        _keys = keys;
    }

    /// <inheritdoc/>
    public async Task<DoctorEntry?> GetDoctorAsync(string hospitalId, string doctorId, CancellationToken cancellationToken = default) =>
        await GetAsync(hospitalId, "d:" + doctorId, cancellationToken) is { } row
            ? new DoctorEntry
            {
                PublicKey = row.GetBinary("PublicKey") ?? [], Credit = row.GetInt32("Credit") ?? 0, Expelled = row.GetBoolean("Expelled") ?? false,
                PreviousKeys = KeyList.Decode(row.GetBinary("PreviousKeys")), Revoked = row.GetBoolean("Revoked") ?? false,
            }
            : null;

    /// <inheritdoc/>
    public Task PutDoctorAsync(string hospitalId, string doctorId, DoctorEntry doctor, CancellationToken cancellationToken = default) =>
        PutAsync(hospitalId, "d:" + doctorId, new Dictionary<string, object>
        {
            ["PublicKey"] = doctor.PublicKey, ["Credit"] = doctor.Credit, ["Expelled"] = doctor.Expelled,
            ["PreviousKeys"] = KeyList.Encode(doctor.PreviousKeys), ["Revoked"] = doctor.Revoked,
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<PatientEntry?> GetPatientAsync(string hospitalId, string patientPseudonym, CancellationToken cancellationToken = default) =>
        await GetAsync(hospitalId, "p:" + patientPseudonym, cancellationToken) is { } row
            ? new PatientEntry
            {
                PublicKey = row.GetBinary("PublicKey") ?? [], Alpha = _keys.Unprotect(row.GetBinary("Alpha") ?? [], AlphaPurpose(hospitalId, patientPseudonym)),
                Revoked = row.GetBoolean("Revoked") ?? false,
            }
            : null;

    /// <inheritdoc/>
    public Task PutPatientAsync(string hospitalId, string patientPseudonym, PatientEntry patient, CancellationToken cancellationToken = default) =>
        PutAsync(hospitalId, "p:" + patientPseudonym, new Dictionary<string, object>
        {
            ["PublicKey"] = patient.PublicKey,
            ["Alpha"] = _keys.Protect(patient.Alpha, AlphaPurpose(hospitalId, patientPseudonym)),
            ["Revoked"] = patient.Revoked,
        }, cancellationToken);

    private static string AlphaPurpose(string hospitalId, string patientPseudonym) => $"alpha:{hospitalId}:{patientPseudonym}";

    private async Task<TableEntity?> GetAsync(string hospitalId, string row, CancellationToken cancellationToken)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(hospitalId), Escape(row), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private async Task PutAsync(string hospitalId, string row, Dictionary<string, object> values, CancellationToken cancellationToken)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition(hospitalId), Escape(row));
        foreach ((string name, object value) in values)
        {
            entity[name] = value;
        }
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private string Partition(string hospitalId) => $"{Uri.EscapeDataString(_serviceId)}:{Uri.EscapeDataString(hospitalId)}";

    private static string Escape(string row) => row[..2] + Uri.EscapeDataString(row[2..]);
}
