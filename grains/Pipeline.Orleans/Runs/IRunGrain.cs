using Orleans;
using Orleans.Concurrency;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// The coordinator of one run, living in the cluster, keyed by <see cref="RunKeys.Of"/> (run id and output
/// location). It owns the run — plan, progress, which units are done, failures — with its state in grain storage,
/// so the run goes on when the client that submitted it goes away, and when the silo hosting the coordinator dies
/// (a reminder wakes it on a surviving silo, where it resumes: units whose outputs are stored are not redone).
/// Clients submit, follow with <see cref="WaitProgress"/> (or read once with <see cref="GetProgress"/>) and may <see cref="Cancel"/>.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Accepts the run and starts it; submitting the same run again returns its progress.</summary>
    Task<RunProgress> Submit(RunSubmission submission);

    /// <summary>The run's state, and its events from number <paramref name="fromEvent"/> on.</summary>
    Task<RunProgress> GetProgress(int fromEvent);

    /// <summary>
    /// A long poll: <see cref="GetProgress"/> once the run has events from number <paramref name="fromEvent"/> on, has
    /// ended, or its progress changes — or after <paramref name="wait"/>. Followers see each change at once instead
    /// of on their next poll. It interleaves with the grain's other calls (it only reads, and mostly waits).
    /// </summary>
    [AlwaysInterleave]
    Task<RunProgress> WaitProgress(int fromEvent, TimeSpan wait);

    /// <summary>Stops the run at the next unit boundary: it fails with a cancelled error and publishes nothing.</summary>
    Task Cancel();
}

/// <summary>Grain keys of runs: a run id is unique within its output location.</summary>
public static class RunKeys
{
    public static string Of(string runId, string outputLocation) => $"{runId}@{outputLocation}";
}
