using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Commands;
using Pipeline.Client.Scheduling;
using Xunit;

namespace Pipeline.Tests.Scheduling;

/// <summary>Retries of a failed scheduled run: backoff waits, the limit, new run ids, and what is not retried. Waits are recorded, not slept.</summary>
public class RetryTests
{
    private static readonly DateTimeOffset Fire = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(RetryingRun.Outcome, List<TimeSpan>)> Run(FakeRunner runner, int retries, TimeSpan delay)
    {
        var waits = new List<TimeSpan>();
        var outcome = await RetryingRun.RunAsync(runner, ScheduleCommand.Policy(retries, delay), Fire, NullLogger.Instance,
            (d, _) => { waits.Add(d); return Task.CompletedTask; }, default);
        return (outcome, waits);
    }

    [Fact]
    public async Task A_failing_run_is_retried_with_doubling_waits_until_it_succeeds()
    {
        var runner = new FakeRunner(ExitCodes.RunFailed, ExitCodes.RunFailed, ExitCodes.Ok);
        var (outcome, waits) = await Run(runner, 3, TimeSpan.FromMinutes(5));
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(["20261122T020000Z", "20261122T020000Z-retry1", "20261122T020000Z-retry2"], runner.RunIds);
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], waits);
    }

    [Fact]
    public async Task Retries_stop_at_the_limit_and_waits_are_capped_at_an_hour()
    {
        var runner = new FakeRunner(ExitCodes.RunFailed);
        var (outcome, waits) = await Run(runner, 4, TimeSpan.FromMinutes(20));
        Assert.Equal(ExitCodes.RunFailed, outcome.ExitCode);
        Assert.Equal(5, runner.Calls); // the first attempt and 4 retries
        Assert.Equal([TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromHours(1), TimeSpan.FromHours(1)], waits);
    }

    [Theory]
    [InlineData(ExitCodes.BadInput)]
    [InlineData(ExitCodes.RunExists)]
    [InlineData(ExitCodes.Cancelled)]
    public async Task Bad_input_an_existing_run_id_or_a_cancelled_run_is_not_retried(int exit)
    {
        var runner = new FakeRunner(exit);
        var (outcome, waits) = await Run(runner, 3, TimeSpan.FromMinutes(5));
        Assert.Equal(exit, outcome.ExitCode);
        Assert.Equal(1, runner.Calls);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task With_no_retries_a_failure_is_final()
    {
        var runner = new FakeRunner(ExitCodes.RunFailed, ExitCodes.Ok);
        var (outcome, waits) = await Run(runner, 0, TimeSpan.FromMinutes(5));
        Assert.Equal(ExitCodes.RunFailed, outcome.ExitCode);
        Assert.Equal(1, runner.Calls);
        Assert.Empty(waits);
    }
}
