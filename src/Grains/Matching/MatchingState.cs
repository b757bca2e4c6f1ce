using MedChain.GrainInterfaces.Contracts;

namespace MedChain.Grains.Matching;

/// <summary>A patients session's relay state: the two parties and the messages in order.</summary>
public sealed class MatchingState
{
    /// <summary>The initiator's pseudonym.</summary>
    public string Initiator { get; set; } = "";

    /// <summary>The responder's pseudonym.</summary>
    public string Responder { get; set; } = "";

    /// <summary>The parties that have finished (they post no more).</summary>
    public List<string> Finished { get; set; } = [];

    /// <summary>Messages in arrival order.</summary>
    public List<MatchingMessage> Messages { get; set; } = [];
}
