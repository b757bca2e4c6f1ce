using System.Collections.Concurrent;
using MedChain.Protocol.Keys;

namespace MedChain.Protocol.Tests;

/// <summary>
/// One set of system parameters per level for the whole test run (initialization and its tables
/// cost seconds at level 128), and fresh participants per test.
/// </summary>
public static class Fixture
{
    private static readonly ConcurrentDictionary<int, Lazy<(SystemParameters Parameters, SecretKey Master)>> s_systems = new();

    public static SystemParameters Parameters(int level) => System(level).Parameters;

    public static (SystemParameters Parameters, SecretKey Master) System(int level) =>
        s_systems.GetOrAdd(level, l => new Lazy<(SystemParameters, SecretKey)>(() => SystemSetup.Initialize(l))).Value;
}
