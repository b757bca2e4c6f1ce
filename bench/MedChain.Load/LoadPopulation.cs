using MedChain.Client.Keys;
using MedChain.Client.Sdk;
using MedChain.Contracts;
using MedChain.Protocol.Keys;

namespace MedChain.Load;

/// <summary>A hospital of the run: its operator's key and logged-in client, and what the API says of it.</summary>
public sealed record LoadHospital(string Id, SecretKey OperatorKey, MedChainClient Client, HospitalInfo Info);

/// <summary>A doctor of the run, on his own device and client.</summary>
public sealed record LoadDoctor(DoctorDevice Device, SecretKey Key, MedChainClient Client, LoadHospital Hospital)
{
    /// <summary>His id.</summary>
    public string Id => Device.DoctorId;
}

/// <summary>A patient of the run, on his own device and client, with the alpha his hospital issued.</summary>
public sealed record LoadPatient(PatientDevice Device, SecretKey Key, MedChainClient Client, LoadHospital Hospital, byte[] Alpha)
{
    /// <summary>His id.</summary>
    public string Id => Device.PatientId;
}

/// <summary>
/// The participants a run makes for itself, as a health authority's integrators would: the
/// sm-admin sets the system up (when it is not) and admits the hospitals; each hospital registers
/// its doctors and patients with their enrollment proofs; every participant logs in with his key.
/// </summary>
public sealed class LoadPopulation
{
    private LoadPopulation(SystemParameters parameters, MedChainClient admin, List<LoadHospital> hospitals, List<LoadDoctor> doctors, List<LoadPatient> patients) =>
        (Parameters, Admin, Hospitals, Doctors, Patients) = (parameters, admin, hospitals, doctors, patients);

    /// <summary>The deployment's parameters.</summary>
    public SystemParameters Parameters { get; }

    /// <summary>The sm-admin's client.</summary>
    public MedChainClient Admin { get; }

    /// <summary>The run's hospitals.</summary>
    public IReadOnlyList<LoadHospital> Hospitals { get; }

    /// <summary>The run's doctors.</summary>
    public IReadOnlyList<LoadDoctor> Doctors { get; }

    /// <summary>The run's patients.</summary>
    public IReadOnlyList<LoadPatient> Patients { get; }

    /// <summary>Makes and registers the run's participants (<paramref name="client"/> makes each one's API client).</summary>
    public static async Task<LoadPopulation> CreateAsync(LoadOptions o, Func<MedChainClient> client, string run, CancellationToken ct)
    {
        KeystoreIdentity identity = Keystore.ReadIdentity(o.AdminKeystore);
        using SecretKey adminKey = Keystore.Open(o.AdminKeystore, o.AdminPassphrase, SystemParameters.Administration(identity.Level));
        MedChainClient admin = client();
        await admin.LoginAsync("sm-admin", identity.Id, adminKey, ct);
        SystemParameters p = await admin.FindParametersAsync(ct) ?? await admin.SetupAsync(ct);

        var hospitals = new List<LoadHospital>();
        var doctors = new List<LoadDoctor>();
        var patients = new List<LoadPatient>();
        for (int i = 0; i < o.Hospitals; i++)
        {
            string id = $"load-{run}-h{i}";
            SecretKey operatorKey = SecretKey.Generate(p);
            await admin.AdmitHospitalAsync(id, operatorKey.PublicKey, ct);
            MedChainClient operatorClient = client();
            await operatorClient.LoginAsync("hospital", id, operatorKey, ct);
            var hospital = new LoadHospital(id, operatorKey, operatorClient, await operatorClient.GetHospitalAsync(id, ct));
            hospitals.Add(hospital);
            for (int d = 0; d < o.DoctorsPerHospital; d++)
            {
                SecretKey key = SecretKey.Generate(p);
                var device = new DoctorDevice(p, key);
                await operatorClient.RegisterDoctorAsync(device.DoctorId, key.PublicKey, device.Enrollment(id), ct);
                MedChainClient c = client();
                await c.LoginAsync("doctor", device.DoctorId, key, ct);
                doctors.Add(new LoadDoctor(device, key, c, hospital));
            }
            for (int n = 0; n < o.PatientsPerHospital; n++)
            {
                SecretKey key = SecretKey.Generate(p);
                var device = new PatientDevice(p, key);
                PatientRegistered registered = await operatorClient.RegisterPatientAsync(device.PatientId, key.PublicKey, device.Enrollment(id), ct);
                MedChainClient c = client();
                await c.LoginAsync("patient", device.PatientId, key, ct);
                patients.Add(new LoadPatient(device, key, c, hospital, Convert.FromBase64String(registered.Alpha)));
            }
        }
        return new LoadPopulation(p, admin, hospitals, doctors, patients);
    }
}
