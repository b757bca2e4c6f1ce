using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hospital;
using MedChain.Grains.Storage;

namespace MedChain.Grains.Tests;

/// <summary>Grain state in memory whose next writes can be made to fail, as a storage outage would.</summary>
public sealed class InMemoryState<T>(T state) : IPersistentState<T>
    where T : new()
{
    /// <summary>What storage holds: a copy made by each successful write (through the serializer's view, the reference).</summary>
    public T? Stored { get; private set; }

    /// <summary>How many writes succeeded.</summary>
    public int Writes { get; private set; }

    /// <summary>How many of the next writes fail.</summary>
    public int FailNext { get; set; }

    public T State { get; set; } = state;

    public string? Etag => Writes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool RecordExists => Writes > 0;

    public Task ClearStateAsync() => throw new NotSupportedException();

    public Task ReadStateAsync() => Task.CompletedTask;

    public Task WriteStateAsync()
    {
        if (FailNext > 0)
        {
            FailNext--;
            return Task.FromException(new IOException("storage is down"));
        }
        Writes++;
        Stored = System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.Serialize(State));
        return Task.CompletedTask;
    }
}

/// <summary>A block store in memory, create-only as the blob one.</summary>
public sealed class InMemoryBlockStore : IBlockStore
{
    private readonly Dictionary<(string, long), byte[]> _blocks = [];

    public Task WriteAsync(string chain, long height, ReadOnlyMemory<byte> encodedBlock, CancellationToken cancellationToken = default)
    {
        if (_blocks.TryGetValue((chain, height), out byte[]? existing) && !existing.AsSpan().SequenceEqual(encodedBlock.Span))
        {
            throw new BlockConflictException(chain, height);
        }
        _blocks[(chain, height)] = encodedBlock.ToArray();
        return Task.CompletedTask;
    }

    public Task<long> LastHeightAsync(string chain, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blocks.Keys.Where(k => k.Item1 == chain).Select(k => k.Item2).DefaultIfEmpty(-1).Max());

    public Task<byte[]?> ReadAsync(string chain, long height, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blocks.GetValueOrDefault((chain, height)));

    public Task<IReadOnlyDictionary<long, string>> VersionsAsync(string chain, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<long, string>>(_blocks.Where(b => b.Key.Item1 == chain)
            .ToDictionary(b => b.Key.Item2, b => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b.Value))));
}

/// <summary>A record index in memory with the table's insert-only semantics (a block whose record has a row anywhere is written in part: not at all here).</summary>
public sealed class InMemoryRecordIndex : IRecordIndex
{
    private readonly Dictionary<(string Chain, string RecordId), RecordPlace> _records = [];
    private readonly Dictionary<(string Chain, string PatientId, long Height, int Index), bool> _patients = [];

    public Task<IReadOnlyDictionary<string, RecordPlace>> InsertBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default)
    {
        Dictionary<string, RecordPlace> held = records.Where(r => _records.ContainsKey((chain, r.RecordId.ToUpperInvariant())))
            .ToDictionary(r => r.RecordId, r => _records[(chain, r.RecordId.ToUpperInvariant())]);
        if (held.Count == 0)
        {
            Write(chain, height, records);
        }
        return Task.FromResult<IReadOnlyDictionary<string, RecordPlace>>(held);
    }

    public Task RewriteBlockAsync(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records, CancellationToken cancellationToken = default)
    {
        Write(chain, height, records);
        return Task.CompletedTask;
    }

    public Task<RecordPlace?> FindAsync(string chain, string recordId, CancellationToken cancellationToken = default) =>
        Task.FromResult<RecordPlace?>(_records.TryGetValue((chain, recordId.ToUpperInvariant()), out RecordPlace p) ? p : null);

    public Task<IReadOnlyList<RecordPlace>> ListPatientAsync(string chain, string patientId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecordPlace>>([.. _patients.Keys.Where(k => k.Chain == chain && k.PatientId == patientId)
            .OrderBy(k => k.Height).ThenBy(k => k.Index).Select(k => new RecordPlace(k.Height, k.Index))]);

    private void Write(string chain, long height, IReadOnlyList<(string RecordId, string PatientId)> records)
    {
        for (int i = 0; i < records.Count; i++)
        {
            _records[(chain, records[i].RecordId.ToUpperInvariant())] = new RecordPlace(height, i);
            _patients[(chain, records[i].PatientId, height, i)] = true;
        }
    }
}

/// <summary>A member store in memory whose next writes can be made to fail.</summary>
public sealed class InMemoryMemberStore : IMemberStore
{
    private readonly Dictionary<(string, string), DoctorEntry> _doctors = [];
    private readonly Dictionary<(string, string), PatientEntry> _patients = [];

    /// <summary>How many of the next writes fail.</summary>
    public int FailNext { get; set; }

    public Task<DoctorEntry?> GetDoctorAsync(string hospitalId, string doctorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_doctors.TryGetValue((hospitalId, doctorId), out DoctorEntry? d) ? new DoctorEntry { PublicKey = d.PublicKey, Credit = d.Credit, Expelled = d.Expelled } : null);

    public Task PutDoctorAsync(string hospitalId, string doctorId, DoctorEntry doctor, CancellationToken cancellationToken = default) =>
        Put(() => _doctors[(hospitalId, doctorId)] = new DoctorEntry { PublicKey = doctor.PublicKey, Credit = doctor.Credit, Expelled = doctor.Expelled });

    public Task<PatientEntry?> GetPatientAsync(string hospitalId, string patientId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_patients.GetValueOrDefault((hospitalId, patientId)));

    public Task PutPatientAsync(string hospitalId, string patientId, PatientEntry patient, CancellationToken cancellationToken = default) =>
        Put(() => _patients[(hospitalId, patientId)] = patient);

    private Task Put(Action write)
    {
        if (FailNext > 0)
        {
            FailNext--;
            return Task.FromException(new IOException("storage is down"));
        }
        write();
        return Task.CompletedTask;
    }
}
