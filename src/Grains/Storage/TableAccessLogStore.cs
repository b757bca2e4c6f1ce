using System.Globalization;
using Azure.Data.Tables;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IAccessLogStore"/> on Azure Table Storage: one partition per log
/// (<c>{service}:{patientId}</c>), one row per entry keyed by its zero-padded sequence number,
/// appended in entity-group transactions of at most 100 rows.
/// </summary>
public sealed class TableAccessLogStore : IAccessLogStore
{
    private const int TransactionLimit = 100;

    private readonly LazyTable _table;
    private readonly string _serviceId;

    /// <summary>Logs in a table (created on first use), each in a partition of the service's.</summary>
    public TableAccessLogStore(string connectionString, string tableName, string serviceId)
    {
        _table = new LazyTable(connectionString, tableName);
        _serviceId = serviceId;
    }

    /// <inheritdoc/>
    public async Task AppendAsync(string log, IReadOnlyList<AccessEntry> entries, CancellationToken cancellationToken = default)
    {
        string partition = Partition(log);
        TableClient table = await _table.GetAsync(cancellationToken);
        foreach (AccessEntry[] chunk in entries.Chunk(TransactionLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, Row(e.Sequence))
            {
                ["TimeMs"] = e.TimeMs,
                ["DoctorId"] = e.DoctorId,
                ["PatientId"] = e.PatientId,
                ["HospitalId"] = e.HospitalId,
                ["RecordId"] = e.RecordId,
                ["ConsentId"] = e.ConsentId,
                ["PreviousHash"] = e.PreviousHash,
                ["Hash"] = e.Hash,
            })), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AccessEntry>> ReadAsync(string log, long from, long to, CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        var entries = new List<AccessEntry>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(log)} and RowKey ge {Row(from)} and RowKey le {Row(to)}");
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new AccessEntry(long.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture), row.GetInt64("TimeMs") ?? 0,
                row.GetString("DoctorId") ?? "", row.GetString("PatientId") ?? "", row.GetString("HospitalId") ?? "", row.GetString("RecordId") ?? "",
                row.GetString("ConsentId") ?? "", row.GetBinary("PreviousHash") ?? [], row.GetBinary("Hash") ?? []));
        }
        return entries;
    }

    /// <summary>The partition of a log.</summary>
    public string Partition(string log) => $"{Uri.EscapeDataString(_serviceId)}:{Uri.EscapeDataString(log)}";

    private static string Row(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);
}
