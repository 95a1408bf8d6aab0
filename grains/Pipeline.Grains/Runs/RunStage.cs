namespace Pipeline.Grains.Runs;

/// <summary>The stages of a run, in the one direction data flows.</summary>
public enum RunStage { Read, Partition, Compute, Aggregate, Write, Publish }

/// <summary>
/// Receives a run's progress: the CLI renders it (progress bars or plain lines), the coordinator mirrors it into
/// <c>_status.json</c>. Called from worker threads; implementations must be thread-safe and cheap.
/// </summary>
public interface IRunObserver
{
    void StageStarted(RunStage stage, string detail);
    /// <summary>Units (or rows) done out of total within the current stage.</summary>
    void Progress(RunStage stage, long done, long total);
    void StageFinished(RunStage stage, TimeSpan elapsed);
    void Info(string message);

    /// <summary>One unit of work ended (engines call it from any thread; default: ignored).</summary>
    void UnitFinished(UnitReport report) { }

    /// <summary>Messages waiting in a work queue, for engines that have one (default: ignored).</summary>
    void QueueDepth(string queue, long depth) { }
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
    public void StageStarted(RunStage stage, string detail) { }
    public void Progress(RunStage stage, long done, long total) { }
    public void StageFinished(RunStage stage, TimeSpan elapsed) { }
    public void Info(string message) { }
}
