using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Commands;
using Pipeline.Client.Scheduling;
using Xunit;

namespace Pipeline.Tests.Scheduling;

/// <summary>
/// The real Quartz scheduler on a schedule that fires every second while the first run is held: the occurrences
/// that came due meanwhile are skipped and reported, never run alongside it. Only order is asserted, not speed.
/// </summary>
public class NoOverlapTests
{
    [Fact]
    public async Task Occurrences_due_while_a_run_is_going_are_skipped_not_overlapped()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeRunner(ExitCodes.Ok) { Hold = hold };
        var context = new ScheduleContext(runner, ScheduleCommand.Policy(0, TimeSpan.Zero), NullLogger.Instance);
        var skipped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int skips = 0;
        context.OccurrenceSkipped += _ => { Interlocked.Increment(ref skips); skipped.TrySetResult(); };
        int completed = 0;
        context.OccurrenceCompleted += _ => Interlocked.Increment(ref completed);

        await using (var scheduler = await PipelineScheduler.StartAsync(CronSchedule.Parse("* * * * * ?", "UTC"), context, NullLoggerFactory.Instance, TimeSpan.FromMilliseconds(200)))
        {
            await runner.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(3)); // let several occurrences come due while the first run is held
            Assert.Equal(1, runner.Calls);
            hold.SetResult();
            await skipped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        Assert.Equal(1, runner.MaxConcurrent);
        Assert.True(Volatile.Read(ref skips) >= 1);
        Assert.True(Volatile.Read(ref completed) >= 1);
    }
}
