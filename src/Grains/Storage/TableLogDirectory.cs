using Azure;
using Azure.Data.Tables;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="ILogDirectory"/> on Azure Table Storage: the service's partition, a row per log keyed
/// by the pseudonym, the patient id sealed under the key-encryption key (bound to the pseudonym).
/// </summary>
public sealed class TableLogDirectory(string connectionString, string tableName, string serviceId, Hosting.KeyProtector keys) : ILogDirectory
{
    private readonly LazyTable _table = new(connectionString, tableName);

    /// <inheritdoc/>
    public async Task AddAsync(string pseudonym, string patientId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(serviceId, pseudonym)
            {
                ["Patient"] = keys.Protect(System.Text.Encoding.UTF8.GetBytes(patientId), Purpose(pseudonym)),
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Listed before.
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(string Pseudonym, string PatientId)>> ListAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        var logs = new List<(string, string)>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {serviceId}"), cancellationToken: cancellationToken))
        {
            logs.Add((row.RowKey, Open(row)));
        }
        return logs;
    }

    /// <inheritdoc/>
    public async Task<string?> FindAsync(string pseudonym, CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, pseudonym, cancellationToken: cancellationToken);
        return row.HasValue ? Open(row.Value!) : null;
    }

    private string Open(TableEntity row) => System.Text.Encoding.UTF8.GetString(keys.Unprotect(row.GetBinary("Patient") ?? [], Purpose(row.RowKey)));

    private static string Purpose(string pseudonym) => "log-directory:" + pseudonym;
}
