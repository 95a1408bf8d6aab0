using System.Text;
using Pipeline.Client.Commands;
using Pipeline.Grains.Runs;
using Pipeline.Orleans.Runs;

namespace Pipeline.Client.Cluster;

/// <summary>How following a run ended.</summary>
public sealed record FollowResult(int ExitCode, RunProgress Last, RunHighlights? Highlights);

/// <summary>
/// Follows a run's coordinator grain: asks for its progress with a long poll (<see cref="IRunGrain.WaitProgress"/>,
/// answered at the run's next change or after <see cref="LongPoll"/>; at most one answer per <see cref="Gap"/>, so a
/// burst of unit events comes in one answer) and replays its events into the user's
/// observer (progress bars or plain lines), until the run finishes or fails, or <paramref name="ct"/> fires (then the
/// caller decides whether the run is cancelled or left running in the cluster).
/// Each poll is bounded by <see cref="PollTimeout"/>: a poll in flight through a gateway silo that dies is not failed
/// by Orleans before its 30 s response timeout, so the follower gives up on it early and asks again (through another
/// gateway), and only gives up on the run after <see cref="Patience"/> without an answer.
/// </summary>
public static class RunFollower
{
    /// <summary>How long one progress poll may take before it is asked again (the coordinator answers from memory).</summary>
    public static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the coordinator holds a poll when nothing changes (well under <see cref="PollTimeout"/>).</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two polls.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the coordinator may go without answering before following fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<FollowResult> FollowAsync(IRunGrain run, RunProgress first, IRunObserver observer, CancellationToken ct)
    {
        int cursor = 0;
        var p = first;
        (RunStage Stage, long Done, long Total) shown = default;
        DateTime? silentSince = null;
        string? host = null;
        while (true)
        {
            foreach (var e in p.Events)
            {
                switch (e.Kind)
                {
                    case RunEventKind.StageStarted: observer.StageStarted(e.Stage, e.Text); break;
                    case RunEventKind.StageFinished: observer.StageFinished(e.Stage, TimeSpan.FromSeconds(e.Seconds)); break;
                    default: observer.Info(e.Text); break;
                }
            }
            cursor = p.NextEvent;
            if (p.Host is { } h && h != host)
            {
                observer.Info(host is null ? $"the run's coordinator is on silo {h}" : $"the run's coordinator moved to silo {h}");
                host = h;
            }
            if (p.Total > 0 && (p.Stage, p.Done, p.Total) != shown)
            {
                shown = (p.Stage, p.Done, p.Total);
                observer.Progress(p.Stage, p.Done, p.Total);
            }
            if (p.Phase is RunPhase.Finished or RunPhase.Failed) return Ended(p);
            await Task.Delay(Gap, ct);
            try
            {
                var next = await run.WaitProgress(cursor, LongPoll).WaitAsync(PollTimeout, ct);
                // A coordinator taken up again on another silo starts a new event log: read it from the start.
                if (next.NextEvent < cursor) next = await run.GetProgress(0).WaitAsync(PollTimeout, ct);
                p = next;
                silentSince = null;
            }
            catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow - (silentSince ??= DateTime.UtcNow) < Patience)
            {
                observer.Info($"the run's coordinator did not answer ({e.GetBaseException().Message}); asking again");
                p = p with { Events = [] };
            }
        }
    }

    private static FollowResult Ended(RunProgress p)
    {
        if (p.Phase == RunPhase.Finished)
            return new FollowResult(ExitCodes.Ok, p, RunHighlights.FromJson(p.HighlightsJson!));
        return new FollowResult(p.Failure switch
        {
            RunFailure.BadInput => ExitCodes.BadInput,
            RunFailure.RunExists => ExitCodes.RunExists,
            RunFailure.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.RunFailed,
        }, p, null);
    }
}
