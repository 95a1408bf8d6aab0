using System.Diagnostics;

namespace Pipeline.Grains.Runs;

/// <summary>
/// Forwards progress to the user's observer and mirrors it into <c>_status.json</c>: at every stage change and at
/// most every <see cref="Interval"/> during a stage, written in the background so workers never wait on storage.
/// </summary>
internal sealed class StatusMirror(IRunObserver inner, RunPublisher publisher, RunStatus initial) : IRunObserver
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly object _gate = new();
    private readonly Stopwatch _sinceWrite = Stopwatch.StartNew();
    private RunStatus _status = initial;
    private Task _pending = Task.CompletedTask;

    public RunStatus Current { get { lock (_gate) return _status; } }

    public void StageStarted(RunStage stage, string detail)
    {
        inner.StageStarted(stage, detail);
        Update(s => s with { Stage = stage.ToString().ToLowerInvariant(), UnitsDone = 0, UnitsTotal = 0 }, force: true);
    }

    public void Progress(RunStage stage, long done, long total)
    {
        inner.Progress(stage, done, total);
        Update(s => s with { UnitsDone = done, UnitsTotal = total }, force: false);
    }

    public void StageFinished(RunStage stage, TimeSpan elapsed) => inner.StageFinished(stage, elapsed);

    public void Info(string message) => inner.Info(message);

    public void UnitFinished(UnitReport report) => inner.UnitFinished(report);

    public void QueueDepth(string queue, long depth) => inner.QueueDepth(queue, depth);

    private void Update(Func<RunStatus, RunStatus> change, bool force)
    {
        lock (_gate)
        {
            _status = change(_status) with { UpdatedAt = DateTimeOffset.UtcNow };
            if (!force && _sinceWrite.Elapsed < Interval) return;
            if (!_pending.IsCompleted) return; // a write is under way; the next update will catch up
            _sinceWrite.Restart();
            var snapshot = _status;
            _pending = Task.Run(() => publisher.WriteStatusAsync(snapshot, CancellationToken.None));
        }
    }

    /// <summary>Waits for the last background write and writes <paramref name="final"/>.</summary>
    public async Task WriteFinalAsync(RunStatus final)
    {
        Task pending;
        lock (_gate) { _status = final; pending = _pending; }
        try { await pending.ConfigureAwait(false); } catch { /* superseded by the final write */ }
        await publisher.WriteStatusAsync(final, CancellationToken.None).ConfigureAwait(false);
    }
}
