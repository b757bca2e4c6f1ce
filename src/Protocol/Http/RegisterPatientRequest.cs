namespace MedChain.Protocol.Http;

/// <summary>A hospital registers a patient: id and public key (base64, compressed G1).</summary>
public sealed record RegisterPatientRequest(string PatientId, string PublicKey);
