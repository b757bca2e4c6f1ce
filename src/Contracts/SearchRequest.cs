namespace MedChain.Contracts;

/// <summary>A patient's keyword search at one hospital (named by its PID_i): the trapdoor (base64).</summary>
public sealed record SearchRequest(string HospitalPid, string Trapdoor);
