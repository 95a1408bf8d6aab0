using System.Collections.Concurrent;
using Pipeline.Grains.Runs;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>An observer that records the run's messages and lets a test wait until enough units are done.</summary>
public sealed class ProgressProbe : IRunObserver
{
    private long _computeDone;
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly List<(long Units, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyCollection<string> Messages => _messages;

    /// <summary>Completes once at least <paramref name="units"/> units of the compute stage are done.</summary>
    public Task UnitsDone(long units)
    {
        lock (_waiters)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.Read(ref _computeDone) >= units) tcs.SetResult();
            else _waiters.Add((units, tcs));
            return tcs.Task;
        }
    }

    public void StageStarted(RunStage stage, string detail) => _messages.Enqueue($"{stage}: {detail}");
    public void StageFinished(RunStage stage, TimeSpan elapsed) { }
    public void Info(string message) => _messages.Enqueue(message);

    public void Progress(RunStage stage, long done, long total)
    {
        if (stage != RunStage.Compute) return;
        Interlocked.Exchange(ref _computeDone, done);
        lock (_waiters)
            foreach (var w in _waiters.Where(w => done >= w.Units).ToList()) { w.Reached.TrySetResult(); _waiters.Remove(w); }
    }
}
