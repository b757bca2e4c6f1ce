namespace MedChain.GrainInterfaces.Contracts;

/// <summary>
/// A signed consent as the patient's client sends it (see <c>MedChain.Protocol.ReEncryption.Consent</c>):
/// the proxy may re-encrypt the patient's records for one doctor until the expiry. ReKey is the
/// product-mode rk = PK_s^(1/x_j); the cluster keeps it encrypted at rest and never hands it out.
/// Scope is the encoded <c>ConsentScope</c>: the trapdoors (by hash) and hospitals it covers.
/// </summary>
[GenerateSerializer, Immutable, Alias("medchain.ConsentGrant")]
public sealed record ConsentGrant(
    [property: Id(0)] string ConsentId,
    [property: Id(1)] string PatientId,
    [property: Id(2)] string DoctorId,
    [property: Id(3)] byte[] DoctorKey,
    [property: Id(4)] byte[] ReKey,
    [property: Id(5)] long ExpiresAtMs,
    [property: Id(6)] byte[] Signature,
    [property: Id(7)] byte[] Scope);
