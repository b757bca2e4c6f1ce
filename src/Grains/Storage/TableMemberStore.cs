using Azure;
using Azure.Data.Tables;
using MedChain.Grains.Hospital;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IMemberStore"/> on Azure Table Storage: one partition per hospital
/// (<c>{service}:{hospital}</c>), rows <c>d:{doctorId}</c> and <c>p:{patientId}</c> (ids URI-escaped).
/// </summary>
public sealed class TableMemberStore : IMemberStore
{
    private readonly LazyTable _table;
    private readonly string _serviceId;

    /// <summary>A store in a table (created on first use), its partitions prefixed by the service id.</summary>
    public TableMemberStore(string connectionString, string tableName, string serviceId)
    {
        _table = new LazyTable(connectionString, tableName);
        _serviceId = serviceId;
    }

    /// <inheritdoc/>
    public async Task<DoctorEntry?> GetDoctorAsync(string hospitalId, string doctorId, CancellationToken cancellationToken = default) =>
        await GetAsync(hospitalId, "d:" + doctorId, cancellationToken) is { } row
            ? new DoctorEntry { PublicKey = row.GetBinary("PublicKey") ?? [], Credit = row.GetInt32("Credit") ?? 0, Expelled = row.GetBoolean("Expelled") ?? false }
            : null;

    /// <inheritdoc/>
    public Task PutDoctorAsync(string hospitalId, string doctorId, DoctorEntry doctor, CancellationToken cancellationToken = default) =>
        PutAsync(hospitalId, "d:" + doctorId, new Dictionary<string, object> { ["PublicKey"] = doctor.PublicKey, ["Credit"] = doctor.Credit, ["Expelled"] = doctor.Expelled }, cancellationToken);

    /// <inheritdoc/>
    public async Task<PatientEntry?> GetPatientAsync(string hospitalId, string patientId, CancellationToken cancellationToken = default) =>
        await GetAsync(hospitalId, "p:" + patientId, cancellationToken) is { } row
            ? new PatientEntry { PublicKey = row.GetBinary("PublicKey") ?? [], Alpha = row.GetBinary("Alpha") ?? [] }
            : null;

    /// <inheritdoc/>
    public Task PutPatientAsync(string hospitalId, string patientId, PatientEntry patient, CancellationToken cancellationToken = default) =>
        PutAsync(hospitalId, "p:" + patientId, new Dictionary<string, object> { ["PublicKey"] = patient.PublicKey, ["Alpha"] = patient.Alpha }, cancellationToken);

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
