namespace MedChain.Load;

/// <summary>
/// One load run: where (loopback unless <see cref="AllowRemote"/>), who (hospitals, doctors and
/// patients made for the run), how hard (closed-loop <see cref="Concurrency"/>, optionally paced to
/// <see cref="RatePerSecond"/> operations a second), and for how long (stops at <see cref="Duration"/>
/// or <see cref="MaxOperations"/>, whichever comes first).
/// </summary>
public sealed record LoadOptions
{
    /// <summary>The API's base address.</summary>
    public required Uri Api { get; init; }

    /// <summary>The sm-admin's keystore (to set the system up and admit the run's hospitals).</summary>
    public required string AdminKeystore { get; init; }

    /// <summary>The passphrase of <see cref="AdminKeystore"/>.</summary>
    public required string AdminPassphrase { get; init; }

    /// <summary>Hospitals admitted for the run.</summary>
    public int Hospitals { get; init; } = 2;

    /// <summary>Doctors per hospital.</summary>
    public int DoctorsPerHospital { get; init; } = 4;

    /// <summary>Patients per hospital.</summary>
    public int PatientsPerHospital { get; init; } = 8;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Requests per second over all workers, or null for as fast as the answers come.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>How long the load runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many operations (one request each, two for a history: the consent and the share).</summary>
    public long MaxOperations { get; init; } = 100_000;

    /// <summary>How long one request may take before it counts as unanswered.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a non-loopback API may be loaded (off: load tests stay on this machine).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>The seed of the operation mix (the same seed, the same sequence of choices per worker).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Records broadcast and sealed before the timed load (not recorded), so that reads have blocks to read.</summary>
    public int WarmupRecords { get; init; }

    /// <summary>Only these operations of the mix (their weights kept), or all when null: e.g. block and header reads alone.</summary>
    public IReadOnlyList<string>? Operations { get; init; }

    /// <summary>A shell command run <see cref="FaultAfter"/> into the load (a drill's fault: kill a silo, pause storage).</summary>
    public string? FaultCommand { get; init; }

    /// <summary>When <see cref="FaultCommand"/> runs.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A shell command run <see cref="RecoverAfter"/> into the load (a drill's repair: resume or restart storage).</summary>
    public string? RecoverCommand { get; init; }

    /// <summary>When <see cref="RecoverCommand"/> runs.</summary>
    public TimeSpan RecoverAfter { get; init; } = TimeSpan.FromSeconds(30);
}
