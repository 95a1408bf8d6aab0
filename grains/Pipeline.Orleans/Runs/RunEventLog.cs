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

    public void StageStarted(RunStage stage, string detail) { lock (_gate) { _stage = stage; _done = _total = 0; _events.Add(new(RunEventKind.StageStarted, stage, detail, 0)); } }
    public void Progress(RunStage stage, long done, long total) { lock (_gate) { _stage = stage; _done = done; _total = total; } }
    public void StageFinished(RunStage stage, TimeSpan elapsed) { lock (_gate) _events.Add(new(RunEventKind.StageFinished, stage, "", elapsed.TotalSeconds)); }
    public void Info(string message) { lock (_gate) _events.Add(new(RunEventKind.Info, _stage, message, 0)); }

    public RunProgress Read(RunPhase phase, int fromEvent)
    {
        lock (_gate)
        {
            int from = Math.Clamp(fromEvent, 0, _events.Count);
            return new RunProgress(phase, _stage, _done, _total, _events.GetRange(from, _events.Count - from), _events.Count);
        }
    }
}
