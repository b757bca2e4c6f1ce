namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// What the proxy needs to act on a consent: the patient's and doctor's keys and the re-key still
/// wrapped under the silos' key-encryption key, so a caller outside the silos learns nothing from it,
/// and the encoded scope (the trapdoors and hospitals the consent covers).
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.ActiveConsent")]
public sealed record ActiveConsent(
    [property: Id(0)] byte[] PatientKey,
    [property: Id(1)] byte[] DoctorKey,
    [property: Id(2)] byte[] ProtectedReKey,
    [property: Id(3)] byte[] Scope);
