using MedChain.Client.Keys;
using MedChain.Client.Sdk;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Cli;

/// <summary>A participant acting from the command line: his keystore opened, the API client logged in as him.</summary>
public sealed class Participant : IDisposable
{
    private readonly SystemParameters? _deployment;

    private Participant(KeystoreIdentity identity, SecretKey key, SystemParameters? deployment, MedChainClient client)
    {
        Identity = identity;
        Key = key;
        _deployment = deployment;
        Client = client;
    }

    /// <summary>Role, id and level.</summary>
    public KeystoreIdentity Identity { get; }

    /// <summary>The private key (in this process only).</summary>
    public SecretKey Key { get; }

    /// <summary>The deployment's parameters (as they were at login).</summary>
    public SystemParameters Parameters => _deployment ?? throw new InvalidOperationException("The system is not set up yet: run `medchain system setup` as the sm-admin.");

    /// <summary>The bearer token.</summary>
    public string? Token => Client.Token;

    /// <summary>The logged-in API client.</summary>
    public MedChainClient Client { get; }

    /// <summary>Opens the keystore and logs in. An sm-admin key opens under the administration parameters.</summary>
    public static async Task<Participant> LoginAsync(string api, FileInfo keystore, FileInfo? passphraseFile, CancellationToken cancellation)
    {
        KeystoreIdentity identity = Keystore.ReadIdentity(keystore.FullName);
        MedChainClient client = MedChainClient.Create(api);
        SystemParameters? deployment = await client.FindParametersAsync(cancellation);
        SystemParameters keyParameters = identity.Administration
            ? SystemParameters.Administration(identity.Level)
            : deployment ?? throw new InvalidOperationException("The system is not set up yet.");
        SecretKey key = Keystore.Open(keystore.FullName, Passphrase.Resolve(passphraseFile), keyParameters);
        await client.LoginAsync(identity.Role, identity.Id, key, cancellation);
        return new Participant(identity, key, deployment, client);
    }

    /// <inheritdoc/>
    public void Dispose() => Key.Dispose();
}
