using MedChain.GrainInterfaces.Contracts;

namespace MedChain.GrainInterfaces;

/// <summary>
/// The SM's re-encryption proxy (III.E, product mode) as a stateless worker
/// (<see cref="SingletonGrains.GetReEncryptionProxy"/>): activations on every silo, so that no
/// share waits for another or for the SM's admissions and reports.
/// </summary>
[Alias("medchain.IReEncryptionProxyGrain")]
public interface IReEncryptionProxyGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Under a valid consent of the patient for this doctor, with only the trapdoors (and their
    /// hospitals) the consent names: checks the consent's re-key binds the two keys (once), fetches
    /// the patient's records matching each trapdoor from each hospital
    /// (named by its PID_i, base64), checks each record's validity, re-encrypts it for the doctor,
    /// logs every access, and returns the re-encrypted records. Refused without a valid consent.
    /// </summary>
    [Alias("Share")]
    Task<ShareResult> ShareAsync(string patientId, string consentId, string doctorId, Dictionary<string, byte[]> trapdoorsByHospitalPid);
}
