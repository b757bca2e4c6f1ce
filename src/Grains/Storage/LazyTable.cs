using Azure.Data.Tables;

namespace MedChain.Grains.Storage;

/// <summary>An Azure table that is created (once) before its first use.</summary>
internal sealed class LazyTable
{
    private readonly TableClient _client;
    private readonly CreateOnce _create;

    /// <summary>The table <paramref name="tableName"/> of the storage account.</summary>
    public LazyTable(string connectionString, string tableName)
    {
        _client = new TableClient(connectionString, tableName);
        _create = new CreateOnce(ct => _client.CreateIfNotExistsAsync(ct));
    }

    /// <summary>The table's client, once the table exists.</summary>
    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        await _create.EnsureAsync(cancellationToken);
        return _client;
    }
}
