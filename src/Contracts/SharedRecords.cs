namespace MedChain.Contracts;

/// <summary>A shared history: the records re-encrypted for the calling doctor (base64), and the hospitals (PID_i) skipped because they are suspended.</summary>
public sealed record SharedRecords(string[] Records, string[] SkippedHospitals);
