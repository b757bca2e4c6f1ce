namespace MedChain.Contracts;

/// <summary>A login challenge request: the role (sm-admin, hospital, doctor, patient) and the participant id.</summary>
public sealed record ChallengeRequest(string Role, string Subject);
