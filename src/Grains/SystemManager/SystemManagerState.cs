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

    /// <summary>Doctors' reports about hospitals by id, pending and decided.</summary>
    public Dictionary<string, StoredReport> Reports { get; set; } = [];
}

/// <summary>A doctor's report about his hospital.</summary>
public sealed class StoredReport
{
    /// <summary>The hospital reported.</summary>
    public string HospitalId { get; set; } = "";

    /// <summary>The reporting doctor.</summary>
    public string DoctorId { get; set; } = "";

    /// <summary>What he reports.</summary>
    public string Reason { get; set; } = "";

    /// <summary>When it was filed (Unix ms).</summary>
    public long FiledAtMs { get; set; }

    /// <summary>Pending, upheld or dismissed.</summary>
    public MedChain.GrainInterfaces.Contracts.ReportStatus Status { get; set; }
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

    /// <summary>Doctors whose report about this hospital was upheld since its last reinstatement (one each).</summary>
    public List<string> Reporters { get; set; } = [];
}
