using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Extensibility;

namespace Pipeline.Client.Scheduling;

/// <summary>
/// The scheduler of <c>pipeline schedule</c>: Quartz with the in-memory job store (the schedule comes from the
/// command line each start; run history lives in the output store, not in Quartz), one <see cref="ScheduledRunJob"/>
/// on one cron trigger in the given time zone.
/// Misfire policy: <see cref="CronTriggerMisfireInstruction.DoNothing"/> — an occurrence missed by more than the
/// misfire threshold (because a run was still going, or the process was paused) is skipped, logged, and the
/// trigger waits for its next regular time; a full-country recomputation is never made up back to back.
/// </summary>
public sealed class PipelineScheduler : IAsyncDisposable
{
    public static readonly JobKey Job = new("recompute", "pipeline");
    public static readonly TriggerKey Trigger = new("recompute-cron", "pipeline");

    private readonly IScheduler _scheduler;
    private bool _stopped;

    private PipelineScheduler(IScheduler scheduler) => _scheduler = scheduler;

    public static async Task<PipelineScheduler> StartAsync(CronSchedule schedule, ScheduleContext context, ILoggerFactory loggers,
        TimeSpan? misfireThreshold = null, CancellationToken ct = default)
    {
        var listener = new SkipLogger(context);
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = $"pipeline-schedule-{Guid.NewGuid():N}");
            q.UseInMemoryStore(o => o.MisfireThreshold = misfireThreshold ?? TimeSpan.FromSeconds(30));
            q.UseDefaultThreadPool(2);
            q.UseJobFactory(new ContextJobFactory(context));
            q.AddTriggerListener(listener);
        }).BuildScheduler(ct).ConfigureAwait(false);
        var job = JobBuilder.Create<ScheduledRunJob>().WithIdentity(Job).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(Trigger).ForJob(Job)
            .WithSchedule(CronScheduleBuilder.Create(schedule.Cron).InTimeZone(schedule.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: ct).ConfigureAwait(false);
        await scheduler.Start(ct).ConfigureAwait(false);
        return new PipelineScheduler(scheduler);
    }

    /// <summary>The trigger's next fire time, UTC.</summary>
    public async Task<DateTimeOffset?> NextFireAsync(CancellationToken ct = default) =>
        (await _scheduler.GetTrigger(Trigger, ct).ConfigureAwait(false))?.NextFireTimeUtc;

    /// <summary>Stops taking new occurrences; waits for a run under way only if <paramref name="waitForRun"/>.</summary>
    public async Task StopAsync(bool waitForRun)
    {
        if (_stopped) return;
        _stopped = true;
        await _scheduler.Shutdown(waitForJobsToComplete: waitForRun).ConfigureAwait(false);
    }

    /// <summary>Stops taking new occurrences and waits for a run under way to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(waitForRun: true).ConfigureAwait(false);
    }

    private sealed class ContextJobFactory(ScheduleContext context) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken ct) =>
            ValueTask.FromResult(new JobScope(new ScheduledRunJob(context), null));

        public ValueTask ReturnJob(JobScope scope, CancellationToken ct) => ValueTask.CompletedTask;
    }

    /// <summary>Logs every occurrence Quartz drops (misfired while a run was going, or skipped) as a skip.</summary>
    private sealed class SkipLogger(ScheduleContext context) : ITriggerListener
    {
        public string Name => "pipeline-skip-logger";

        public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken ct)
        {
            Report(trigger, "misfired (the previous run was still going, or the scheduler was paused)");
            return ValueTask.CompletedTask;
        }

        public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken ct)
        {
            Report(trigger, "skipped (the previous run is still going)");
            return ValueTask.CompletedTask;
        }

        private void Report(ITrigger trigger, string why)
        {
            context.Log.LogWarning("skipped an occurrence: {Why}; run under way: {RunId}; next: {Next:u}", why, context.Gate.Current ?? "none", trigger.NextFireTimeUtc);
            context.Skipped(trigger.PreviousFireTimeUtc ?? DateTimeOffset.UtcNow);
        }
    }
}
