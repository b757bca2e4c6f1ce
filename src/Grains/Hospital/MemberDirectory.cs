using MedChain.GrainInterfaces.Contracts;
using MedChain.Grains.Storage;
using MedChain.Protocol.Credit;

namespace MedChain.Grains.Hospital;

/// <summary>
/// A hospital's register of its doctors and patients: rows of the member store, cached for the
/// activation, and the doctors' credit (III.D). Patients' rows are under their pseudonyms in storage
/// (<paramref name="patientRow"/>). Every change is stored before it is cached, so a failed write
/// changes nothing. Used from one grain's turns, under its lock for changes.
/// </summary>
internal sealed class MemberDirectory(string hospitalId, IMemberStore store, CreditPolicy credit, Func<string, string> patientRow)
{
    private readonly Dictionary<string, DoctorEntry> _doctors = [];
    private readonly Dictionary<string, PatientEntry> _patients = [];

    /// <summary>A registered doctor, or null.</summary>
    public Task<DoctorEntry?> DoctorAsync(string doctorId) => CachedAsync(_doctors, doctorId, store.GetDoctorAsync);

    /// <summary>A registered patient, or null.</summary>
    public Task<PatientEntry?> PatientAsync(string patientId) =>
        CachedAsync(_patients, patientId, (hospital, id, ct) => store.GetPatientAsync(hospital, patientRow(id), ct));

    /// <summary>
    /// Registers a doctor with the initial credit, after <paramref name="createProfile"/> (his
    /// profile, which refuses him when he is registered elsewhere); the same key again is the
    /// registration already made, another key is refused.
    /// </summary>
    public async Task<DoctorEntry> RegisterDoctorAsync(string doctorId, byte[] publicKey, Func<Task> createProfile)
    {
        if (await DoctorAsync(doctorId) is { } known)
        {
            return SameKey(known.PublicKey, publicKey) ? known : throw new RefusalException(Refusal.Conflict, $"Doctor '{doctorId}' is registered with another key.");
        }
        await createProfile();
        var entry = new DoctorEntry { PublicKey = publicKey, Credit = credit.Initial };
        await store.PutDoctorAsync(hospitalId, doctorId, entry);
        _doctors[doctorId] = entry;
        return entry;
    }

    /// <summary>
    /// Registers a patient with a fresh evidence alpha from <paramref name="newAlpha"/>, after
    /// <paramref name="createProfile"/>; the same key again is the registration already made, another key is refused.
    /// </summary>
    public async Task<PatientEntry> RegisterPatientAsync(string patientId, byte[] publicKey, Func<byte[]> newAlpha, Func<Task> createProfile)
    {
        if (await PatientAsync(patientId) is { } known)
        {
            return SameKey(known.PublicKey, publicKey) ? known : throw new RefusalException(Refusal.Conflict, $"Patient '{patientId}' is registered with another key.");
        }
        await createProfile();
        var entry = new PatientEntry { PublicKey = publicKey, Alpha = newAlpha() };
        await store.PutPatientAsync(hospitalId, patientRow(patientId), entry);
        _patients[patientId] = entry;
        return entry;
    }

    /// <summary>Applies the penalty for an invalid record the doctor signed; expels him at the threshold.</summary>
    public async Task PenalizeAsync(string doctorId, DoctorEntry doctor)
    {
        int after = credit.AfterInvalidRecord(doctor.Credit);
        bool expelled = credit.IsExpelled(after);
        await store.PutDoctorAsync(hospitalId, doctorId, new DoctorEntry
        {
            PublicKey = doctor.PublicKey, Credit = after, Expelled = expelled, PreviousKeys = doctor.PreviousKeys, Revoked = doctor.Revoked,
        });
        (doctor.Credit, doctor.Expelled) = (after, expelled);
    }

    /// <summary>
    /// Takes a doctor's rotated key (keeping the earlier one) or his revocation, as his own grain
    /// stored it; nothing for a doctor not registered here or a change already taken.
    /// </summary>
    public async Task UpdateDoctorAsync(string doctorId, byte[] publicKey, bool revoked)
    {
        if (await DoctorAsync(doctorId) is not { } doctor || (SameKey(doctor.PublicKey, publicKey) && doctor.Revoked == revoked))
        {
            return;
        }
        List<byte[]> previous = SameKey(doctor.PublicKey, publicKey) ? doctor.PreviousKeys : [.. doctor.PreviousKeys, doctor.PublicKey];
        var entry = new DoctorEntry { PublicKey = publicKey, Credit = doctor.Credit, Expelled = doctor.Expelled, PreviousKeys = previous, Revoked = revoked };
        await store.PutDoctorAsync(hospitalId, doctorId, entry);
        _doctors[doctorId] = entry;
    }

    /// <summary>Takes a patient's rotated key or his revocation; nothing for a patient not registered here or a change already taken.</summary>
    public async Task UpdatePatientAsync(string patientId, byte[] publicKey, bool revoked)
    {
        if (await PatientAsync(patientId) is not { } patient || (SameKey(patient.PublicKey, publicKey) && patient.Revoked == revoked))
        {
            return;
        }
        var entry = new PatientEntry { PublicKey = publicKey, Alpha = patient.Alpha, Revoked = revoked };
        await store.PutPatientAsync(hospitalId, patientRow(patientId), entry);
        _patients[patientId] = entry;
    }

    private static bool SameKey(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private async Task<T?> CachedAsync<T>(Dictionary<string, T> cache, string id, Func<string, string, CancellationToken, Task<T?>> load)
        where T : class
    {
        if (cache.TryGetValue(id, out T? cached))
        {
            return cached;
        }
        T? stored = await load(hospitalId, id, CancellationToken.None);
        // Another turn may have loaded or registered it meanwhile: keep the one already cached.
        return stored is null ? null : cache.TryAdd(id, stored) ? stored : cache[id];
    }
}
