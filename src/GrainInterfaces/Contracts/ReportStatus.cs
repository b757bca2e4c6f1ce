namespace MedChain.GrainInterfaces.Contracts;

/// <summary>Where a report about a hospital stands: filed, then upheld or dismissed by the sm-admin.</summary>
[GenerateSerializer, Alias("medchain.ReportStatus")]
public enum ReportStatus
{
    /// <summary>Filed; the sm-admin has not decided yet.</summary>
    Pending = 0,

    /// <summary>Upheld: the hospital paid the penalty.</summary>
    Upheld = 1,

    /// <summary>Dismissed: nothing changed.</summary>
    Dismissed = 2,
}
