using Pipeline.Client.Scheduling;

namespace Pipeline.Tests.Scheduling;

/// <summary>A runner that answers exit codes from a script (the last one repeats), counts calls and overlaps, and can hold a run until released.</summary>
public sealed class FakeRunner(params int[] exitCodes) : IScheduledRunner
{
    private int _calls, _running, _maxRunning;
    private readonly List<string> _runIds = [];

    public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource? Hold { get; init; }

    public int Calls => Volatile.Read(ref _calls);
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);
    public IReadOnlyList<string> RunIds { get { lock (_runIds) return [.. _runIds]; } }

    public async Task<int> RunAsync(string runId, CancellationToken ct)
    {
        int call = Interlocked.Increment(ref _calls);
        lock (_runIds) _runIds.Add(runId);
        int running = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < running && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen) { }
        FirstStarted.TrySetResult();
        try
        {
            if (call == 1 && Hold is not null) await Hold.Task.WaitAsync(ct);
            return exitCodes[Math.Min(call, exitCodes.Length) - 1];
        }
        finally { Interlocked.Decrement(ref _running); }
    }
}
