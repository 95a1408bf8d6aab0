using Microsoft.Extensions.Logging;
using Quartz;

namespace Pipeline.Client.Scheduling;

/// <summary>
/// The Quartz job of <c>pipeline schedule</c>: one occurrence = <see cref="RetryingRun"/>. Never two at once:
/// <see cref="DisallowConcurrentExecutionAttribute"/> holds the trigger while a run goes, and the process-wide
/// <see cref="RunGate"/> also refuses (and logs) an occurrence that starts while another is under way.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledRunJob(ScheduleContext context) : IJob
{
    public async ValueTask Execute(IJobExecutionContext job, CancellationToken ct)
    {
        var fire = job.ScheduledFireTimeUtc ?? job.FireTimeUtc;
        if (!context.Gate.TryEnter())
        {
            context.Log.LogWarning("skipped the occurrence of {Fire:u}: run {RunId} is still going", fire, context.Gate.Current);
            context.Skipped(fire);
            return;
        }
        try
        {
            context.Gate.Current = Grains.Runs.RunId.FromStartTime(fire);
            var outcome = await RetryingRun.RunAsync(context.Runner, context.Retry, fire, context.Log, context.Wait, ct).ConfigureAwait(false);
            context.Completed(outcome);
        }
        finally
        {
            context.Gate.Exit();
        }
    }
}

/// <summary>At most one scheduled run in this process at a time.</summary>
public sealed class RunGate
{
    private int _busy;
    public string? Current { get; set; }
    public bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;
    public void Exit() { Current = null; Volatile.Write(ref _busy, 0); }
}

/// <summary>What a <see cref="ScheduledRunJob"/> needs, and hooks to observe it (tests, metrics).</summary>
public sealed class ScheduleContext(IScheduledRunner runner, RetryPolicy retry, ILogger log)
{
    public IScheduledRunner Runner { get; } = runner;
    public RetryPolicy Retry { get; } = retry;
    public ILogger Log { get; } = log;
    public RunGate Gate { get; } = new();
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;
    public event Action<DateTimeOffset>? OccurrenceSkipped;
    public event Action<RetryingRun.Outcome>? OccurrenceCompleted;
    internal void Skipped(DateTimeOffset fire) => OccurrenceSkipped?.Invoke(fire);
    internal void Completed(RetryingRun.Outcome outcome) => OccurrenceCompleted?.Invoke(outcome);
}
