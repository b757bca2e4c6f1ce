namespace MedChain.Client.Keys;

/// <summary>
/// Whose key a keystore file holds: role (sm-admin, hospital, doctor, patient), participant id,
/// security level, and whether it was made under the administration parameters (the sm-admin's
/// key, which exists before the system is set up) rather than the deployment's.
/// </summary>
public sealed record KeystoreIdentity(string Role, string Id, int Level, bool Administration);
