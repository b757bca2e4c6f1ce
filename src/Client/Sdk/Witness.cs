using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedChain.Contracts;
using MedChain.Protocol.Checkpoints;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Signatures;

namespace MedChain.Client.Sdk;

/// <summary>
/// A witness, run by any outside party: fetches every log's checkpoint, checks that the system
/// manager signed it and that it extends the last checkpoint of that log this witness stored (the
/// entries in between, folded onto the stored root, give the new root), keeps its own copy
/// (one owner-only file per log in <paramref name="stateFolder"/>), cosigns and posts the
/// cosignature back. A log that shrank, changed or vanished is reported, named, and neither stored
/// nor cosigned: the witness keeps what it saw.
/// </summary>
public sealed class Witness(MedChainClient api, SystemParameters parameters, string name, SecretKey key, string stateFolder)
{
    private const int ProofPage = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Checks and cosigns every log once.</summary>
    public async Task<WitnessReport> RunOnceAsync(CancellationToken cancellation = default)
    {
        PublicKey systemManager = PublicKey.Decode(parameters, parameters.Y.Encode());
        var problems = new List<WitnessProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int cosigned = 0;
        string[] notes = (await api.GetCheckpointsAsync(cancellation)).Checkpoints;
        foreach (string text in notes)
        {
            if (!SignedNote.TryParse(text, out SignedNote? note) || !Checkpoint.TryParseOrigin(note!.Checkpoint.Origin, out LogKind kind, out _, out _))
            {
                problems.Add(new WitnessProblem("?", "a checkpoint does not parse"));
                continue;
            }
            Checkpoint latest = note.Checkpoint;
            seen.Add(latest.Origin);
            if (!note.IsSignedBy(parameters, SignedNote.SystemManagerName, systemManager, SignaturePurpose.Checkpoint))
            {
                problems.Add(new WitnessProblem(latest.Origin, "the checkpoint is not signed by the system manager"));
                continue;
            }
            if (Load(latest.Origin) is { } stored)
            {
                IReadOnlyList<byte[]> entries = latest.Size > stored.Size ? await EntriesAsync(latest.Origin, stored.Size, latest.Size, cancellation) : [];
                if (LogConsistency.Verify(kind, stored, latest, entries) is { } wrong)
                {
                    problems.Add(new WitnessProblem(latest.Origin, wrong));
                    continue;
                }
            }
            Save(latest);
            var cosignedNote = new SignedNote(latest, [.. note.Signatures, (name, SignedNote.Sign(key, SignaturePurpose.Cosignature, latest))]);
            await api.PostCosignatureAsync(cosignedNote.Text(), cancellation);
            cosigned++;
        }
        foreach (Checkpoint missing in StoredAll().Where(c => !seen.Contains(c.Origin)))
        {
            problems.Add(new WitnessProblem(missing.Origin, $"missing: the cluster no longer lists this log (witnessed at size {missing.Size})"));
        }
        return new WitnessReport(notes.Length, cosigned, problems);
    }

    private async Task<IReadOnlyList<byte[]>> EntriesAsync(string origin, long from, long to, CancellationToken cancellation)
    {
        var entries = new List<byte[]>();
        for (long start = from; start < to; start += ProofPage)
        {
            LogProof proof = await api.GetLogProofAsync(origin, start, Math.Min(to, start + ProofPage), cancellation);
            entries.AddRange(proof.Entries.Select(Convert.FromBase64String));
        }
        return entries;
    }

    private string FileOf(string origin) => Path.Combine(stateFolder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(origin))) + ".json");

    private Checkpoint? Load(string origin)
    {
        string file = FileOf(origin);
        return File.Exists(file) ? Read(file) : null;
    }

    private IEnumerable<Checkpoint> StoredAll() =>
        Directory.Exists(stateFolder) ? Directory.EnumerateFiles(stateFolder, "*.json").Select(Read).Where(c => c is not null).Select(c => c!) : [];

    private static Checkpoint? Read(string file) =>
        Checkpoint.TryParseBody(JsonSerializer.Deserialize<StoredCheckpoint>(File.ReadAllText(file), Json)!.Body, out Checkpoint? c) ? c : null;

    /// <summary>Writes the checkpoint owner-only, through a temporary file, so a crash leaves the old one or the new one.</summary>
    private void Save(Checkpoint checkpoint)
    {
        Directory.CreateDirectory(stateFolder);
        string file = FileOf(checkpoint.Origin), temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, new StoredCheckpoint(checkpoint.Body()), Json);
        }
        File.Move(temporary, file, overwrite: true);
    }

    private sealed record StoredCheckpoint(string Body);
}
