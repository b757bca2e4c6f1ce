namespace MedChain.Protocol.Http;

/// <summary>A hospital registers one of its doctors: id and public key (base64, compressed G1).</summary>
public sealed record RegisterDoctorRequest(string DoctorId, string PublicKey);
