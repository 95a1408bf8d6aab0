using Pipeline.Grains.Runs;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// The coordinator's observer: keeps the run's events (stages, information lines) and its current progress for
/// followers to read from a cursor. Called from the run's worker threads; thread-safe.
/// </summary>
internal sealed class RunEventLog : IRunObserver
{
    private readonly object _gate = new();
    private readonly List<RunEvent> _events = [];
    private RunStage _stage;
    private long _done, _total;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void StageStarted(RunStage stage, string detail) { lock (_gate) { _stage = stage; _done = _total = 0; _events.Add(new(RunEventKind.StageStarted, stage, detail, 0)); Signal(); } }
    public void Progress(RunStage stage, long done, long total) { lock (_gate) { _stage = stage; _done = done; _total = total; Signal(); } }
    public void StageFinished(RunStage stage, TimeSpan elapsed) { lock (_gate) { _events.Add(new(RunEventKind.StageFinished, stage, "", elapsed.TotalSeconds)); Signal(); } }
    public void Info(string message) { lock (_gate) { _events.Add(new(RunEventKind.Info, _stage, message, 0)); Signal(); } }

    /// <summary>Completes at the next change (an event, progress, or <see cref="Ended"/>).</summary>
    public Task Changed { get { lock (_gate) return _changed.Task; } }

    /// <summary>How many events there are.</summary>
    public int Count { get { lock (_gate) return _events.Count; } }

    /// <summary>The run ended (its outcome is recorded): wakes those waiting for a change.</summary>
    public void Ended() { lock (_gate) Signal(); }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    public RunProgress Read(RunPhase phase, int fromEvent)
    {
        lock (_gate)
        {
            int from = Math.Clamp(fromEvent, 0, _events.Count);
            return new RunProgress(phase, _stage, _done, _total, _events.GetRange(from, _events.Count - from), _events.Count);
        }
    }
}
