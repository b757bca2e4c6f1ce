namespace MedChain.Grains.Hospital;

/// <summary>
/// A hospital's stored state: its key (private part encrypted at rest), PID_i, the verified pending
/// pool and the chain's head. Its size does not grow with the chain or the hospital's people:
/// sealed blocks are objects of the block store, where records are is in the record index, and the
/// registered doctors and patients are rows of the member store.
/// </summary>
public sealed class HospitalState
{
    /// <summary>The private key, protected by the key-encryption key; empty before joining.</summary>
    public byte[] ProtectedKey { get; set; } = [];

    /// <summary>Compressed public key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>PID_i from the SM.</summary>
    public byte[] Pid { get; set; } = [];

    /// <summary>Verified, acknowledged, not yet sealed ledger records, in arrival order.</summary>
    public List<PendingRecord> Pending { get; set; } = [];

    /// <summary>Height of the last sealed block; -1 before genesis.</summary>
    public long Height { get; set; } = -1;

    /// <summary>Encoded header of the last sealed block; empty before genesis.</summary>
    public byte[] HeadHeader { get; set; } = [];

    /// <summary>When the last block was sealed (Unix ms).</summary>
    public long LastSealMs { get; set; }

    /// <summary>A shallow copy, to change and write while this one stays what storage holds.</summary>
    public HospitalState Copy() => (HospitalState)MemberwiseClone();
}

/// <summary>A verified record waiting for its block, with the patient it belongs to (known to the server from X_ij).</summary>
public sealed class PendingRecord
{
    /// <summary>The patient's pseudonym in storage (<see cref="Hosting.StoragePseudonyms.Patient"/>), which his index rows are made under.</summary>
    public string PatientId { get; set; } = "";

    /// <summary>The encoded ledger record.</summary>
    public byte[] Record { get; set; } = [];
}

/// <summary>A registered doctor (a row of the member store).</summary>
public sealed class DoctorEntry
{
    /// <summary>Compressed public key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>Credit score.</summary>
    public int Credit { get; set; }

    /// <summary>True once expelled (credit at or below the threshold).</summary>
    public bool Expelled { get; set; }

    /// <summary>The keys he rotated away from (his receipts for what they signed still open).</summary>
    public List<byte[]> PreviousKeys { get; set; } = [];

    /// <summary>True once the sm-admin revoked his key.</summary>
    public bool Revoked { get; set; }

    /// <summary>True when <paramref name="key"/> is his current key or one he rotated away from.</summary>
    public bool HeldKey(byte[] key) => key.AsSpan().SequenceEqual(PublicKey) || PreviousKeys.Any(k => key.AsSpan().SequenceEqual(k));
}

/// <summary>A registered patient (a row of the member store).</summary>
public sealed class PatientEntry
{
    /// <summary>Compressed public key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The evidence alpha issued to the patient.</summary>
    public byte[] Alpha { get; set; } = [];

    /// <summary>True once the sm-admin revoked his key: no records are taken for him.</summary>
    public bool Revoked { get; set; }
}
