using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Grains.Storage;
using MedChain.Grains.SystemManager;
using MedChain.Protocol.Checkpoints;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MedChain.Grains.Checkpoints;

/// <summary>
/// <see cref="ICheckpointGrain"/> as a stateless worker: reads each log's size and root from its
/// grain (a hospital's head, a patient's access log), signs the checkpoint with the system
/// manager's key (unwrapped once per activation, on the crypto threads), hands out the entries
/// between two sizes, and takes witnesses' cosignatures after checking both signatures.
/// </summary>
[StatelessWorker]
public sealed class CheckpointGrain(
    SystemParametersCache parameters,
    KeyProtector keys,
    ILogDirectory directory,
    StoragePseudonyms pseudonyms,
    IOptions<MedChainStorageOptions> storage,
    CryptoWorkers workers) : Grain, ICheckpointGrain
{
    private const int MaxProof = 1000;

    private SecretKey? _signer;

    private string ServiceId => storage.Value.ServiceId;

    /// <inheritdoc/>
    public async Task<string[]> GetCheckpointsAsync()
    {
        SystemParameters p = await parameters.GetAsync();
        var checkpoints = new List<Checkpoint>();
        foreach (string hospitalId in (await GrainFactory.GetSystemManager().GetHospitalIdsAsync()).Order(StringComparer.Ordinal))
        {
            ChainHead head = await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).GetHeadAsync();
            byte[] root = head.HeaderHash is null ? LogConsistency.EmptyRoot() : Convert.FromHexString(head.HeaderHash);
            checkpoints.Add(new Checkpoint(Checkpoint.ChainOrigin(ServiceId, hospitalId), head.Height + 1, root));
        }
        foreach ((string pseudonym, string patientId) in await directory.ListAsync())
        {
            (long size, byte[] root) = await GrainFactory.GetGrain<IAccessLogGrain>(patientId).GetLogRootAsync();
            checkpoints.Add(new Checkpoint(Checkpoint.AccessLogOrigin(ServiceId, pseudonym), size, root));
        }
        SecretKey signer = await SignerAsync(p);
        return await workers.RunAsync(() => checkpoints
            .Select(c => new SignedNote(c, [(SignedNote.SystemManagerName, SignedNote.Sign(signer, SignaturePurpose.Checkpoint, c))]).Text())
            .ToArray());
    }

    /// <inheritdoc/>
    public async Task<byte[][]?> GetProofAsync(string origin, long from, long to)
    {
        if (!Checkpoint.TryParseOrigin(origin, out LogKind kind, out string service, out string name) || service != ServiceId
            || from < 0 || to < from || to - from > MaxProof)
        {
            return null;
        }
        if (kind == LogKind.Chain)
        {
            IHospitalGrain hospital = GrainFactory.GetGrain<IHospitalGrain>(name);
            if (await GrainFactory.GetSystemManager().GetHospitalAsync(name) is null || (await hospital.GetHeadAsync()).Height + 1 < to)
            {
                return null;
            }
            var headers = new byte[to - from][];
            for (long h = from; h < to; h++)
            {
                headers[h - from] = Block.TryDecode((await hospital.GetBlockAsync(h))!, out Block? block) ? block!.Header.Encode() : [];
            }
            return headers;
        }
        if (await directory.FindAsync(name) is not { } patientId)
        {
            return null;
        }
        IAccessLogGrain log = GrainFactory.GetGrain<IAccessLogGrain>(patientId);
        if ((await log.GetLogRootAsync()).Size < to)
        {
            return null;
        }
        var macs = new List<byte[]>();
        while (macs.Count < to - from)
        {
            byte[][] page = await log.GetEntryMacsAsync(from + macs.Count, (int)(to - from) - macs.Count);
            if (page.Length == 0)
            {
                return null;
            }
            macs.AddRange(page);
        }
        return [.. macs];
    }

    /// <inheritdoc/>
    public async Task<CosignOutcome> CosignAsync(string note)
    {
        SystemParameters p = await parameters.GetAsync();
        if (!SignedNote.TryParse(note, out SignedNote? signed)
            || !Checkpoint.TryParseOrigin(signed!.Checkpoint.Origin, out _, out string service, out _) || service != ServiceId)
        {
            return new CosignOutcome(false, "The note is not a checkpoint of this deployment.", null);
        }
        PublicKey systemManager = (await SignerAsync(p)).PublicKey;
        WitnessInfo[] witnesses = await GrainFactory.GetWitnessRegistry().GetAllAsync();
        (bool issued, string[] cosigners) = await workers.RunAsync(() => (
            signed.IsSignedBy(p, SignedNote.SystemManagerName, systemManager, SignaturePurpose.Checkpoint),
            witnesses.Where(w => signed.IsSignedBy(p, w.Name, PublicKey.Decode(p, w.PublicKey), SignaturePurpose.Cosignature)).Select(w => w.Name).ToArray()));
        IWitnessedLogGrain witnessed = GrainFactory.GetGrain<IWitnessedLogGrain>(signed.Checkpoint.Origin);
        if (!issued)
        {
            return new CosignOutcome(false, "The checkpoint does not carry the system manager's signature.", await witnessed.GetAsync());
        }
        if (cosigners.Length == 0)
        {
            return new CosignOutcome(false, "The note carries no valid cosignature of a registered witness.", await witnessed.GetAsync());
        }
        WitnessedCheckpoint newest = await witnessed.RecordAsync(signed.Checkpoint.Size, signed.Checkpoint.Root, cosigners, note);
        return new CosignOutcome(true, null, newest);
    }

    /// <inheritdoc/>
    public Task<WitnessedCheckpoint?> GetWitnessedChainAsync(string hospitalId) =>
        GrainFactory.GetGrain<IWitnessedLogGrain>(Checkpoint.ChainOrigin(ServiceId, hospitalId)).GetAsync();

    /// <inheritdoc/>
    public Task<WitnessedCheckpoint?> GetWitnessedAccessLogAsync(string patientId) =>
        GrainFactory.GetGrain<IWitnessedLogGrain>(Checkpoint.AccessLogOrigin(ServiceId, pseudonyms.Patient(patientId))).GetAsync();

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _signer?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The system manager's key, unwrapped once per activation.</summary>
    private async Task<SecretKey> SignerAsync(SystemParameters p)
    {
        if (_signer is null)
        {
            byte[] wrapped = await GrainFactory.GetSystemManager().GetProtectedMasterKeyAsync();
            _signer ??= keys.UnprotectKey(p, wrapped, SystemManagerGrain.KeyPurpose);
        }
        return _signer;
    }
}
