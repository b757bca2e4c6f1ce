using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Storage;

/// <summary>
/// <see cref="IAccessLogStore"/> on Azure Table Storage: one partition per log
/// (<c>{service}:{patient pseudonym}</c>), one row per entry keyed by its zero-padded sequence
/// number, its fields sealed under the key-encryption key (who read which record is nobody's
/// business but the patient's and the SM's), appended in entity-group transactions of at most 100 rows.
/// </summary>
public sealed class TableAccessLogStore : IAccessLogStore
{
    private const int TransactionLimit = 100;

    private readonly LazyTable _table;
    private readonly string _serviceId;
    private readonly Hosting.KeyProtector _keys;

    /// <summary>Logs in a table (created on first use), each in a partition of the service's.</summary>
    public TableAccessLogStore(string connectionString, string tableName, string serviceId, Hosting.KeyProtector keys)
    {
        _table = new LazyTable(connectionString, tableName);
        _serviceId = serviceId;
        _keys = keys;
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
                ["Sealed"] = _keys.Protect(JsonSerializer.SerializeToUtf8Bytes(new Fields(e.TimeMs, e.DoctorId, e.PatientId, e.HospitalId, e.RecordId, e.ConsentId)), Purpose(log, e.Sequence)),
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
            long sequence = long.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture);
            Fields f = Open(row.GetBinary("Sealed"), log, sequence);
            entries.Add(new AccessEntry(sequence, f.TimeMs, f.DoctorId, f.PatientId, f.HospitalId, f.RecordId, f.ConsentId,
                row.GetBinary("PreviousHash") ?? [], row.GetBinary("Hash") ?? []));
        }
        return entries;
    }

    /// <summary>The partition of a log.</summary>
    public string Partition(string log) => $"{Uri.EscapeDataString(_serviceId)}:{Uri.EscapeDataString(log)}";

    /// <summary>An entry's fields, sealed under the key-encryption key bound to its log and sequence number.</summary>
    private sealed record Fields(long TimeMs, string DoctorId, string PatientId, string HospitalId, string RecordId, string ConsentId);

    /// <summary>The fields of a row; empty ones when they do not open (changed in storage), which the chain's MAC then names.</summary>
    private Fields Open(byte[]? sealedFields, string log, long sequence)
    {
        try
        {
            return JsonSerializer.Deserialize<Fields>(_keys.Unprotect(sealedFields ?? [], Purpose(log, sequence)))!;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return new Fields(0, "", "", "", "", "");
        }
    }

    private static string Purpose(string log, long sequence) => $"access:{log}:{sequence}";

    private static string Row(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);
}
