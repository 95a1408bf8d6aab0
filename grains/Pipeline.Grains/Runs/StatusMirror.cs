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
    private bool _withdrawn;

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
            if (_withdrawn) return;
            if (!force && _sinceWrite.Elapsed < Interval) return;
            if (!_pending.IsCompleted) return; // a write is under way; the next update will catch up
            _sinceWrite.Restart();
            var snapshot = _status;
            _pending = Task.Run(() => publisher.WriteStatusAsync(snapshot, CancellationToken.None));
        }
    }

    /// <summary>
    /// Takes the run back as if it had never started: no more status writes, and everything under the run's folder
    /// (its <c>_status.json</c>) removed once the last background write is done. For a bad argument found only after
    /// the input was read (a user scenario naming a firm the input does not have): a bad argument writes nothing.
    /// </summary>
    public async Task WithdrawAsync()
    {
        Task pending;
        lock (_gate) { _withdrawn = true; pending = _pending; }
        try { await pending.ConfigureAwait(false); } catch { /* removed below either way */ }
        await publisher.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Pauses between the attempts of the final write (after the store's own retries ran out).</summary>
    internal static readonly TimeSpan[] FinalWriteBackoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];

    /// <summary>
    /// Waits for the last background write and writes <paramref name="final"/>. The final state is the one readers
    /// act on (a run that failed because its storage went away must still say "failed" once the storage is back),
    /// so a failed write is attempted again after each pause of <see cref="FinalWriteBackoff"/> (about 30 s in all)
    /// before the last error is thrown.
    /// </summary>
    public async Task WriteFinalAsync(RunStatus final)
    {
        Task pending;
        lock (_gate) { _status = final; pending = _pending; }
        try { await pending.ConfigureAwait(false); } catch { /* superseded by the final write */ }
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await publisher.WriteStatusAsync(final, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < FinalWriteBackoff.Length && e is not OperationCanceledException)
            {
                inner.Info($"_status.json could not be written ({e.Message}); trying again in {FinalWriteBackoff[attempt].TotalSeconds:0} s");
                await Task.Delay(FinalWriteBackoff[attempt]).ConfigureAwait(false);
            }
        }
    }
}
