using System.CommandLine;

namespace MedChain.Client.Cli;

/// <summary>Runs a command's body as the participant of its --key keystore, printing failures as one line.</summary>
public static class Run
{
    /// <summary>Logs in, runs the body, returns its exit code (1 on any failure, with the reason on stderr).</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> AsParticipant(Func<ParseResult, Participant, CancellationToken, Task<int>> body) =>
        async (r, ct) =>
        {
            using Participant me = await Participant.LoginAsync(r.GetValue(CliOptions.Api)!, r.GetValue(CliOptions.Key)!, r.GetValue(CliOptions.PassphraseFile), ct);
            return await body(r, me, ct);
        };
}
