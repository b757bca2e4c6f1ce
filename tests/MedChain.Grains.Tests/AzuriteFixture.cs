using MedChain.Testing;

namespace MedChain.Grains.Tests;

/// <summary>One Azurite for a collection of tests (<see cref="AzuriteProcess"/>).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();

    /// <summary>Connection string of the running emulator.</summary>
    public string ConnectionString => _azurite.ConnectionString;

    public Task InitializeAsync() => _azurite.StartAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync().AsTask();
}

/// <summary>Tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
