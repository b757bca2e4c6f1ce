namespace MedChain.Contracts;

/// <summary>A doctor asks for a patient's history under a consent: trapdoors (base64) by hospital PID_i (base64).</summary>
public sealed record ShareRequest(string PatientId, string ConsentId, Dictionary<string, string> Trapdoors);
