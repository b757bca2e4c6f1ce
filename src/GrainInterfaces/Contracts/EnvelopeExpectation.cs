namespace MedChain.GrainInterfaces.Contracts;

/// <summary>What X_ij must contain for a broadcast to be accepted: the patient's alpha and the identities.</summary>
[GenerateSerializer, Immutable, Alias("medchain.EnvelopeExpectation")]
public sealed record EnvelopeExpectation(
    [property: Id(0)] byte[] Alpha,
    [property: Id(1)] string PatientId,
    [property: Id(2)] byte[] HospitalPid,
    [property: Id(3)] string DoctorId);
