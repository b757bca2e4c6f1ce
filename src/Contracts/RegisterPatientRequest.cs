namespace MedChain.Contracts;

/// <summary>A hospital registers a patient: id, public key (base64, compressed G1) and the patient's enrollment proof (base64 signature, see <c>EnrollmentStatement</c>).</summary>
public sealed record RegisterPatientRequest(string PatientId, string PublicKey, string Proof);
