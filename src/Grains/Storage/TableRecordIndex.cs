using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IRecordIndex"/> on Azure Table Storage: one partition per chain
/// (<c>{service}:{chain}</c>), rows <c>r:{recordId}</c> and <c>p:{patientId}:{height}:{index}</c>
/// (ids URI-escaped, numbers zero-padded so rows sort in chain order). A sealed block's entries go
/// in one entity-group transaction per 100 rows: one storage round trip for a block of 10 records,
/// which also tells (by failing) whether one of its records was indexed before.
/// </summary>
public sealed class TableRecordIndex : IRecordIndex
{
    private const int TransactionLimit = 100;

    private readonly LazyTable _table;
    private readonly string _serviceId;

    /// <summary>An index in a table (created on first use), its rows prefixed by the service id.</summary>
    public TableRecordIndex(string connectionString, string tableName, string serviceId)
    {
        _table = new LazyTable(connectionString, tableName);
        _serviceId = serviceId;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, RecordPlace>> InsertBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default)
    {
        try
        {
            // Insert-only record rows make a transaction fail (409, nothing of that transaction written) when a record already has one.
            await SubmitAsync(chain, height, records, TableTransactionActionType.Add, cancellationToken);
            return new Dictionary<string, RecordPlace>();
        }
        catch (TableTransactionFailedException e) when (e.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            // Rare (a retry of a sealed record, or a seal that failed): say where the block's records already are.
            RecordPlace?[] places = await Task.WhenAll(records.Select(r => FindAsync(chain, r.RecordId, cancellationToken)));
            Dictionary<string, RecordPlace> held = records.Zip(places).Where(p => p.Second is not null)
                .ToDictionary(p => p.First.RecordId, p => p.Second!.Value, StringComparer.OrdinalIgnoreCase);
            return held.Count > 0 ? held : throw new InvalidOperationException($"The index of {chain} refused block {height} for a record it does not hold.", e);
        }
    }

    /// <inheritdoc/>
    public Task RewriteBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default) =>
        SubmitAsync(chain, height, records, TableTransactionActionType.UpsertReplace, cancellationToken);

    /// <inheritdoc/>
    public async Task<RecordPlace?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(chain), RecordRow(recordId), cancellationToken: cancellationToken);
        return row.HasValue ? Place(row.Value!) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RecordPlace>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        string prefix = PatientPrefix(patientId);
        // Every row key that starts with the prefix sorts between it and the prefix with its last ':' raised to ';'.
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(chain)} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + ";"}");
        var places = new List<RecordPlace>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            places.Add(Place(row));
        }
        places.Sort((a, b) => (a.Height, a.Index).CompareTo((b.Height, b.Index)));
        return places;
    }

    private string Partition(string chain) => $"{Uri.EscapeDataString(_serviceId)}:{Uri.EscapeDataString(chain)}";

    private static string RecordRow(string recordId) => "r:" + Uri.EscapeDataString(recordId.ToUpperInvariant());

    private static string PatientPrefix(string patientId) => $"p:{Uri.EscapeDataString(patientId)}:";

    private static string Position(long height, int index) => string.Create(CultureInfo.InvariantCulture, $"{height:D12}:{index:D4}");

    private static TableTransactionAction Row(TableTransactionActionType action, string partition, string row, long height, int index) =>
        new(action, new TableEntity(partition, row) { ["Height"] = height, ["Index"] = index });

    private static RecordPlace Place(TableEntity row) => new(row.GetInt64("Height") ?? -1, row.GetInt32("Index") ?? -1);

    /// <summary>A block's rows in transactions of at most 100: each record's row (added or upserted) and its patient row (upserted).</summary>
    private async Task SubmitAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, TableTransactionActionType recordRow, CancellationToken cancellationToken)
    {
        TableClient table = await _table.GetAsync(cancellationToken);
        string partition = Partition(chain);
        List<TableTransactionAction> actions = [.. records.SelectMany((r, i) => new[]
        {
            Row(recordRow, partition, RecordRow(r.RecordId), height, i),
            Row(TableTransactionActionType.UpsertReplace, partition, PatientPrefix(r.PatientId) + Position(height, i), height, i),
        })];
        foreach (TableTransactionAction[] chunk in actions.Chunk(TransactionLimit))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }
}
