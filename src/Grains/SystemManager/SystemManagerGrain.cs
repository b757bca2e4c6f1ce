using System.Security.Cryptography;
using MedChain.GrainInterfaces;
using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Credit;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using Microsoft.Extensions.Options;

namespace MedChain.Grains.SystemManager;

/// <summary>
/// The SM (<see cref="ISystemManagerGrain"/>): initializes the system at the configured level on
/// first use, keeps the master key encrypted at rest, admits hospitals.
/// </summary>
public sealed class SystemManagerGrain(
    [PersistentState("sm", MedChainGrainServices.StateStorage)] IPersistentState<SystemManagerState> state,
    KeyProtector keys,
    IOptions<MedChainOptions> options) : Grain, ISystemManagerGrain
{
    private const string KeyPurpose = "sm-master";
    private SystemParameters? _parameters;

    /// <inheritdoc/>
    public async Task<string> GetParametersAsync()
    {
        await EnsureInitializedAsync();
        return state.State.ParametersJson;
    }

    /// <inheritdoc/>
    public async Task<HospitalRegistration> RegisterHospitalAsync(string hospitalId, byte[] publicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hospitalId);
        SystemParameters p = await EnsureInitializedAsync();
        PublicKey key = PublicKey.Decode(p, publicKey);
        if (state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? existing))
        {
            if (!existing.PublicKey.AsSpan().SequenceEqual(key.Encode()))
            {
                throw new InvalidOperationException($"Hospital {hospitalId} is already registered with another key.");
            }
            return ToRegistration(hospitalId, existing);
        }
        using SecretKey master = MasterKey(p);
        using var issuer = new PseudonymIssuer(master);
        var entry = new HospitalEntry { PublicKey = key.Encode(), Pid = issuer.Issue(hospitalId).Encode(), Credit = CreditPolicy.Default.Initial };
        state.State.Hospitals[hospitalId] = entry;
        await state.WriteStateAsync();
        return ToRegistration(hospitalId, entry);
    }

    /// <inheritdoc/>
    public Task<HospitalRegistration?> GetHospitalAsync(string hospitalId) =>
        Task.FromResult(state.State.Hospitals.TryGetValue(hospitalId, out HospitalEntry? e) ? ToRegistration(hospitalId, e) : null);

    private async Task<SystemParameters> EnsureInitializedAsync()
    {
        if (_parameters is not null)
        {
            return _parameters;
        }
        if (state.State.ParametersJson.Length == 0)
        {
            (SystemParameters p, SecretKey master) = SystemSetup.Initialize(options.Value.SecurityLevel);
            byte[] x = master.Export();
            state.State.ParametersJson = p.ToJson();
            state.State.ProtectedMasterKey = keys.Protect(x, KeyPurpose);
            CryptographicOperations.ZeroMemory(x);
            master.Dispose();
            await state.WriteStateAsync();
        }
        _parameters = SystemParameters.FromJson(state.State.ParametersJson);
        return _parameters;
    }

    private SecretKey MasterKey(SystemParameters p)
    {
        byte[] x = keys.Unprotect(state.State.ProtectedMasterKey, KeyPurpose);
        try
        {
            return SecretKey.Import(p, x);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }
    }

    private static HospitalRegistration ToRegistration(string id, HospitalEntry e) => new(id, e.PublicKey, e.Pid, e.Credit);
}
