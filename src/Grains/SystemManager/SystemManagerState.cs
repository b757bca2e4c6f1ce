namespace MedChain.Grains.SystemManager;

/// <summary>The SM's stored state: the public parameters, the master key (encrypted at rest) and the admitted hospitals.</summary>
public sealed class SystemManagerState
{
    /// <summary>The public parameters' JSON; empty before initialization.</summary>
    public string ParametersJson { get; set; } = "";

    /// <summary>The master key x, protected by the key-encryption key.</summary>
    public byte[] ProtectedMasterKey { get; set; } = [];

    /// <summary>Admitted hospitals by id.</summary>
    public Dictionary<string, HospitalEntry> Hospitals { get; set; } = [];
}

/// <summary>An admitted hospital.</summary>
public sealed class HospitalEntry
{
    /// <summary>Compressed public key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>PID_i.</summary>
    public byte[] Pid { get; set; } = [];

    /// <summary>Credit score.</summary>
    public int Credit { get; set; }

    /// <summary>Doctors whose report about this hospital was upheld (one each).</summary>
    public List<string> Reporters { get; set; } = [];
}
