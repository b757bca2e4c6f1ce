namespace MedChain.Contracts;

/// <summary>A hospital registers one of its doctors: id, public key (base64, compressed G1) and the doctor's enrollment proof (base64 signature, see <c>EnrollmentStatement</c>).</summary>
public sealed record RegisterDoctorRequest(string DoctorId, string PublicKey, string Proof);
